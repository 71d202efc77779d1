using Clv.Data;
using Clv.Parquet;
using DuckDB.NET.Data;

namespace Clv.Tests.Parquet;

/// <summary>
/// UUID customer ids (DuckDB's and PostgreSQL's <c>UUID</c>): <see cref="TransactionDb"/> reads a <see cref="Guid"/> id as its
/// <c>"D"</c> text, but the same table exported by DuckDB to Parquet (logical type <c>UUID</c>) was refused as "holds Guid
/// values; a customer id must be STRING, INT16, INT32 or INT64". The Parquet reader now gives the same ids.
/// </summary>
public class TransactionParquetUuidIdTests
{
    [Theory]
    [InlineData("")]
    [InlineData(", COMPRESSION ZSTD")]
    public void Read_DuckDbUuidIds_SameLogAsTransactionDbFromTheSameTable(string copyOptions)
    {
        using var files = new ParquetTestFiles();
        string path = files.PathOf("uuids.parquet");
        const string Rows = """
            SELECT CASE WHEN i = 5 THEN NULL ELSE ('0000000' || (i % 4) || '-1b2c-4d5e-8f90-a1b2c3d4e5f6')::UUID END AS customer_id,
                   DATE '2024-01-01' + i::INTEGER AS date, (i + 0.5)::DOUBLE AS amount
            FROM range(10) t(i) ORDER BY i
            """;
        files.Execute($"COPY ({Rows}) TO {ParquetTestFiles.Sql(path)} (FORMAT PARQUET, ROW_GROUP_SIZE 4{copyOptions})");
        var lenient = new TransactionParquetOptions { Mode = ParquetReadMode.Lenient };

        var fromParquet = TransactionParquet.Read(path, lenient);
        TransactionLog fromDb;
        using (var duck = new DuckDBConnection("Data Source=:memory:"))
        {
            duck.Open();
            using var query = duck.CreateCommand();
            query.CommandText = Rows;
            using var reader = query.ExecuteReader();
            fromDb = TransactionDb.Read(reader, new TransactionDbOptions { Mode = DbReadMode.Lenient });
        }

        Assert.Equal(9, fromParquet.Count);
        Assert.Equal("00000001-1b2c-4d5e-8f90-a1b2c3d4e5f6", fromParquet.Transactions[1].CustomerId);
        Assert.Equal(fromDb.Transactions.ToArray(), fromParquet.Transactions.ToArray());
        var rejected = Assert.Single(fromParquet.Rejected);
        Assert.Equal((6L, "customer_id", "The customer id is null."), (rejected.LineNumber, rejected.Column!, rejected.Reason));
    }
}
