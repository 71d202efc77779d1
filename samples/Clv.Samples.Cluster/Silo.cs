using System.Net;
using Clv.Orleans;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace Clv.Samples.Cluster;

/// <summary>One silo: localhost (development) clustering around the primary silo's endpoint, in-memory job storage.</summary>
internal static class Silo
{
    /// <summary><c>silo &lt;silo port&gt; &lt;gateway port&gt; &lt;primary silo port&gt;</c>: runs until its standard input closes.</summary>
    public static async Task<int> RunAsync(int siloPort, int gatewayPort, int primaryPort)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);   // standard output carries only "ready"
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort))
            .AddMemoryGrainStorage(ClvClusterJob.StorageName));
        using var host = builder.Build();
        await host.StartAsync();
        Console.WriteLine("ready");
        await Console.In.ReadToEndAsync();   // the client closes our standard input to stop us
        await host.StopAsync();
        return 0;
    }
}
