using Clv.Parquet;

namespace Clv.Tests.Parquet;

public class ParquetApiTests
{
    [Fact]
    public void PublicApi_NamesNoParquetNetType()
    {
        var assembly = typeof(TransactionParquet).Assembly;
        Assert.Contains(typeof(ParquetFormatException), assembly.GetExportedTypes());
        var leaks = PublicApiLeaks.Find(assembly, "Parquet");
        Assert.Empty(leaks);
    }
}
