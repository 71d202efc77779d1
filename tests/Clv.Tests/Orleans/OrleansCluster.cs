using Clv.Orleans;
using Clv.Orleans.Internal;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Clv.Tests.Orleans;

/// <summary>The Orleans tests run one at a time (each starts silos; none runs beside another).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OrleansTestGroup
{
    public const string Name = "Orleans";
}

/// <summary>A three-silo cluster in this process, with in-memory grain storage for the job (or, given a folder, durable storage in files).</summary>
public sealed class OrleansCluster : IAsyncLifetime
{
    private const string StorageFolderKey = "ClvTests:StorageFolder";

    /// <summary>The hooks every test silo registers (one instance: the Orleans tests run one at a time).</summary>
    internal static ClusterJobHooks Hooks { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    /// <summary>Starts three silos; with <paramref name="storageFolder"/>, their grain storage is files in that folder, which outlive the cluster.</summary>
    public static async Task<TestCluster> StartAsync(string? storageFolder = null)
    {
        var builder = new TestClusterBuilder(3).AddSiloBuilderConfigurator<SiloConfigurator>();
        if (storageFolder is not null)
        {
            builder.Properties[StorageFolderKey] = storageFolder;
        }

        var cluster = builder.Build();
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
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddSingleton(Hooks);
            if (siloBuilder.Configuration[StorageFolderKey] is { } folder)
            {
                siloBuilder.Services.AddGrainStorage(ClvClusterJob.StorageName, (services, _) => new FileGrainStorage(folder, services.GetRequiredService<Serializer>()));
            }
            else
            {
                siloBuilder.AddMemoryGrainStorage(ClvClusterJob.StorageName);
            }
        }
    }
}

/// <summary>
/// Holds one partition of a job after its temporary file is written and before it moves it in, until released (or
/// disposed, which also removes the hook).
/// </summary>
internal sealed class HeldMove : IDisposable
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HeldMove(string jobId, int partition)
    {
        string key = ClvJobGrain.PartitionKey(jobId, partition);
        OrleansCluster.Hooks.BeforeMove = k =>
        {
            if (k != key)
            {
                return Task.CompletedTask;
            }

            _held.TrySetResult();
            return _release.Task;
        };
    }

    /// <summary>Completes when the partition is held.</summary>
    public Task Held => _held.Task;

    public void Release() => _release.TrySetResult();

    public void Dispose()
    {
        OrleansCluster.Hooks.BeforeMove = null;
        Release();
    }
}
