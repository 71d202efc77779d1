using Clv.Orleans;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Clv.Tests.Orleans;

/// <summary>The Orleans tests run one at a time (each starts silos; none runs beside another).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OrleansTestGroup
{
    public const string Name = "Orleans";
}

/// <summary>A three-silo cluster in this process, with in-memory grain storage for the job grains.</summary>
public sealed class OrleansCluster : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public static async Task<TestCluster> StartAsync()
    {
        var cluster = new TestClusterBuilder(3).AddSiloBuilderConfigurator<SiloConfigurator>().Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public async ValueTask InitializeAsync() => Cluster = await StartAsync();

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    public sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddMemoryGrainStorage(ClvClusterJob.StorageName);
    }
}
