using Clv.Parquet;

namespace Clv.Tests.Parquet;

/// <summary>
/// Values Parquet.Net cannot convert: DuckDB writes PostgreSQL's <c>'infinity'</c> timestamp sentinel as the largest
/// INT64, beyond <see cref="DateTime"/>. Parquet.Net failed the whole row group on it, so the file could not be read (the
/// error named the row group and column); the stored number is now converted by the reader, and such a value is that
/// row's bad date, as an out-of-range <c>DATE</c> is in the page reader.
/// </summary>
public class TransactionParquetUnconvertibleValueTests
{
    [Theory]
    [InlineData(ParquetReadMode.Strict)]
    [InlineData(ParquetReadMode.Lenient)]
    public void Read_InfinityTimestampInTheSecondRowGroup_ThatRowRejected(ParquetReadMode mode)
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("stamps.parquet");
        files.Execute($"""
            COPY (SELECT 'c' || (i % 7) AS kunde, CASE WHEN i = 3000 THEN 'infinity'::TIMESTAMP ELSE TIMESTAMP '2024-01-01 10:00' + i * INTERVAL 1 HOUR END AS datum,
                         1.5::DOUBLE AS betrag FROM range(4096) t(i) ORDER BY i)
              TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET, ROW_GROUP_SIZE 2048)
            """);
        var options = new TransactionParquetOptions { CustomerIdColumn = "kunde", DateColumn = "datum", AmountColumn = "betrag", Mode = mode };
        var builder = new CustomerSummariesBuilder(new DateOnly(2025, 1, 1), TimeUnit.Week);
        var expected = new RejectedRow(3001, "datum", "9223372036854775807 microseconds from 1970-01-01", "The date is outside 0001-01-01 to 9999-12-31.");

        if (mode == ParquetReadMode.Strict)
        {
            var e = Assert.Throws<ParquetFormatException>(() => TransactionParquet.ReadInto(path, builder, options));
            Assert.Equal((path, expected), (e.Path, e.ToRejectedRow()));
            Assert.Equal(3000L, builder.TransactionCount);
        }
        else
        {
            var report = TransactionParquet.ReadInto(path, builder, options);
            Assert.Equal((4095L, 2), (report.Imported, report.RowGroups));
            Assert.Equal(expected, Assert.Single(report.Rejected));
        }
    }
}
