using Clv.Orleans;

namespace Clv.Tests.Orleans;

public class OrleansApiTests
{
    [Fact]
    public void PublicApi_NamesNoParquetNetOrCsvHelperType()
    {
        var assembly = typeof(ClvClusterJob).Assembly;
        Assert.Contains(typeof(ClusterJobException), assembly.GetExportedTypes());
        var leaks = PublicApiLeaks.Find(assembly, "Parquet", "CsvHelper");
        Assert.Empty(leaks);
    }

    [Fact]
    public void PublicApi_IsTheSmallDocumentedSurface()
    {
        // The grains and their messages are internal: clients go through ClvClusterJob, silos only register storage.
        var names = typeof(ClvClusterJob).Assembly.GetExportedTypes().Select(t => t.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["ClusterJobException", "ClusterJobProgress", "ClusterJobResult", "ClusterJobSpec", "ClusterJobStage", "ClusterOutputFormat", "ClvClusterJob"], names);
    }
}
