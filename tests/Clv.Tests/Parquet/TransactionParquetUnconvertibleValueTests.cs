using Clv.Parquet;

namespace Clv.Tests.Parquet;

/// <summary>
/// Values Parquet.Net cannot convert: DuckDB writes PostgreSQL's <c>'infinity'</c> timestamp sentinel as the largest
/// INT64, beyond <see cref="DateTime"/>. Parquet.Net fails the whole row group on it, so the file cannot be read; the error
/// must at least say where the value is (row group and column), not call a file every other reader opens unreadable at large.
/// </summary>
public class TransactionParquetUnconvertibleValueTests
{
    [Theory]
    [InlineData(ParquetReadMode.Strict)]
    [InlineData(ParquetReadMode.Lenient)]
    public void Read_InfinityTimestampInTheSecondRowGroup_NamesTheRowGroupAndColumn(ParquetReadMode mode)
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("stamps.parquet");
        files.Execute($"""
            COPY (SELECT 'c' || (i % 7) AS kunde, CASE WHEN i = 3000 THEN 'infinity'::TIMESTAMP ELSE TIMESTAMP '2024-01-01 10:00' + i * INTERVAL 1 HOUR END AS datum,
                         1.5::DOUBLE AS betrag FROM range(4096) t(i) ORDER BY i)
              TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET, ROW_GROUP_SIZE 2048)
            """);
        var options = new TransactionParquetOptions { CustomerIdColumn = "kunde", DateColumn = "datum", AmountColumn = "betrag", Mode = mode };

        var e = Assert.Throws<ParquetFormatException>(() => TransactionParquet.ReadInto(path, new CustomerSummariesBuilder(new DateOnly(2025, 1, 1), TimeUnit.Week), options));

        Assert.Equal("datum", e.Column);
        Assert.Equal(path, e.Path);
        Assert.StartsWith("Not a readable Parquet file: row group 2, column 'datum': ", e.Reason, StringComparison.Ordinal);
    }
}
