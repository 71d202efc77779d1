using Clv.Parquet;

namespace Clv.Tests.Parquet;

public class ParquetSmokeTests
{
    [Fact]
    public void Smoke()
    {
        using var files = new ParquetTestFiles();
        var rows = TestData.CdnowSample();
        string path = files.PathOf("t.parquet");
        TransactionParquet.Write(path, rows);
        var back = TransactionParquet.Read(path);
        Assert.Equal(rows.Length, back.Count);
        var q = files.Query($"SELECT count(*), sum(amount) FROM read_parquet({ParquetTestFiles.Sql(path)})");
        Assert.Equal((long)rows.Length, ParquetTestFiles.Long(q[0][0]));
        var d = files.Query($"DESCRIBE SELECT * FROM read_parquet({ParquetTestFiles.Sql(path)})");
        Assert.Equal("VARCHAR DATE DOUBLE", string.Join(' ', d.Select(r => r[1])));
    }
}
