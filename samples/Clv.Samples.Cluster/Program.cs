using System.Diagnostics;
using System.Globalization;
using Clv;
using Clv.Benchmarks;
using Clv.Crm;
using Clv.Csv;
using Clv.Orleans;
using Clv.Probabilistic;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Clv.Samples.Cluster;

/// <summary>
/// The whole job on an Orleans cluster of silos running as separate processes on this machine: split a synthetic log
/// into shard files by customer, start the silos (this program with the <c>silo</c> argument), run the job from a
/// client, print the time of each stage, and check that the result equals the single-process pipeline (exit code 1 if
/// not). <c>[--customers N] [--silos N] [--partitions N] [--port P]</c>.
/// </summary>
public static class Program
{
    private static readonly CultureInfo Ic = CultureInfo.InvariantCulture;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 4 && args[0] == "silo")
        {
            return await Silo.RunAsync(int.Parse(args[1], Ic), int.Parse(args[2], Ic), int.Parse(args[3], Ic));
        }

        int customers = Option(args, "--customers", 100_000), silos = Option(args, "--silos", 3);
        int partitions = Option(args, "--partitions", silos * 2), port = Option(args, "--port", 21111);
        string folder = Path.Combine(Path.GetTempPath(), "clv-cluster-sample-" + customers.ToString(Ic));
        var clock = Stopwatch.StartNew();

        // 1. Shards: every row of a customer in one partition's file (a hash of the id), as a warehouse export would split it.
        var shards = Shards.Write(folder, customers, partitions);
        Console.WriteLine(string.Create(Ic, $"{customers:N0} customers in {partitions} shard files under {folder} ({clock.ElapsedMilliseconds} ms, not timed below)"));

        // 2. The cluster: silo processes on localhost, the first one the primary.
        var processes = new List<Process>();
        try
        {
            clock.Restart();
            for (int s = 0; s < silos; s++)
            {
                processes.Add(StartSilo(port + s, port + 1000 + s, port));
            }

            foreach (var p in processes)
            {
                if (await p.StandardOutput.ReadLineAsync() != "ready")
                {
                    throw new InvalidOperationException("A silo did not start (its log is on standard error above).");
                }
            }

            Console.WriteLine(string.Create(Ic, $"{silos} silos up in {clock.ElapsedMilliseconds} ms (ports {port}-{port + silos - 1}, gateways {port + 1000}-{port + 1000 + silos - 1})"));

            // 3. The client runs the job.
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.SetMinimumLevel(LogLevel.Error);
            builder.UseOrleansClient(client => client.UseLocalhostClustering([.. Enumerable.Range(port + 1000, silos)]));
            using var host = builder.Build();
            await host.StartAsync();
            var spec = new ClusterJobSpec
            {
                JobId = "sample-" + Guid.NewGuid().ToString("N"),
                Partitions = [.. shards.Select(f => (IReadOnlyList<string>)[f])],
                ObservationEnd = SyntheticLog.CalibrationEnd,
                OutputFolder = Path.Combine(folder, "out"),
                ReplaceOutput = true,   // each run of the sample replaces the last one's files
                OutputFormat = ClusterOutputFormat.Csv,
                Horizon = new PredictiveClvOptions { Periods = 12, Period = TimeUnit.Month },
            };
            var stages = new StageTimer();
            clock.Restart();
            var result = await ClvClusterJob.RunAsync(host.Services.GetRequiredService<IClusterClient>(), spec, stages, CancellationToken.None);
            stages.Finish();
            long clusterMs = clock.ElapsedMilliseconds;
            var peaks = processes.Select(PeakMegabytes).ToArray();
            Console.WriteLine(string.Create(Ic, $"cluster job: {clusterMs} ms; peak memory per silo: {string.Join(", ", peaks.Select(m => m + " MB"))}"));
            Console.WriteLine(string.Create(Ic, $"  {result.Customers:N0} customers, {result.Transactions:N0} transactions; statistics shipped: {result.StatisticsBytes:N0} bytes; total 12-month CLV {result.TotalClv:N2}"));
            Console.WriteLine("  stages by customer count: " + string.Join(", ", result.StageCounts.Select(kv => kv.Key + " " + kv.Value.ToString("N0", Ic))));
            await host.StopAsync();

            // 4. The same job in one process, and the check.
            return Check.SingleProcess(spec, result, shards) ? 0 : 1;
        }
        finally
        {
            // Secondaries first, the primary last: a silo that stops tells the others, which must still be up to hear it.
            foreach (var p in Enumerable.Reverse(processes))
            {
                p.StandardInput.Close();
                if (!p.WaitForExit(10_000))
                {
                    p.Kill();
                }

                p.Dispose();
            }
        }
    }

    private static Process StartSilo(int siloPort, int gatewayPort, int primaryPort)
    {
        // Run as this program was run: the apphost, or "dotnet Clv.Samples.Cluster.dll".
        string self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(Program).Assembly.Location);
        }

        foreach (string a in new[] { "silo", siloPort.ToString(Ic), gatewayPort.ToString(Ic), primaryPort.ToString(Ic) })
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("Could not start a silo.");
    }

    /// <summary>A silo's peak resident set (Linux VmHWM) in MB, or -1 where /proc is not available.</summary>
    private static long PeakMegabytes(Process p)
    {
        string status = $"/proc/{p.Id}/status";
        if (!File.Exists(status))
        {
            return -1;
        }

        string? line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], Ic) / 1024;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], Ic) : fallback;
    }

    /// <summary>Prints the time each stage took as the progress reports come in.</summary>
    private sealed class StageTimer : IProgress<ClusterJobProgress>
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private ClusterJobStage? _stage;

        public void Report(ClusterJobProgress value)
        {
            if (value.Stage != _stage)
            {
                Finish();
                _stage = value.Stage;
                _clock.Restart();
            }
        }

        public void Finish()
        {
            if (_stage is { } stage and not (ClusterJobStage.Completed or ClusterJobStage.Failed or ClusterJobStage.Cancelled))
            {
                Console.WriteLine(string.Create(Ic, $"  stage {stage,-10} {_clock.ElapsedMilliseconds,8} ms"));
            }

            _stage = null;
        }
    }
}
