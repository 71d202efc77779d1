using System.Diagnostics;
using System.Globalization;
using Clv.Csv;
using Clv.Lifecycle;
using Clv.Probabilistic;
using Clv.Rfm;

namespace Clv.Benchmarks;

/// <summary>
/// The end-to-end job a data team runs, timed stage by stage on one process:
/// CSV -> summaries (streamed) -> RFM segments -> lifecycle stages -> BG/NBD and Gamma-Gamma fits ->
/// P(alive), 52-week expected purchases and 52-week discounted CLV for every customer.
/// </summary>
/// <remarks>
/// <c>pipeline --input file.csv --observation-end yyyy-MM-dd</c> (header <c>customer_id,date,amount</c>, ISO dates), or
/// <c>pipeline --customers N</c> to generate the synthetic log first (written to a temporary CSV while generated, not timed);
/// <c>--expected-customers N</c> makes room in the builder for N customers first (<see cref="CustomerSummariesBuilder.EnsureCapacity(int)"/>).
/// The last line is <c>total_ms=&lt;n&gt; peak_mb=&lt;n&gt; customers=&lt;n&gt; transactions=&lt;n&gt;</c>. With the environment variable
/// <c>CLV_GCINFO=1</c> each stage also prints the collections so far, the heap, committed and resident memory and, on Linux,
/// the stage's minor page faults (first touches of memory: each costs microseconds, more under a hypervisor).
/// </remarks>
public static class Pipeline
{
    public static int Run(string[] args)
    {
        var ic = CultureInfo.InvariantCulture;
        string? input = Value(args, "--input");
        string? customersArg = Value(args, "--customers");
        string? endArg = Value(args, "--observation-end");
        string? temp = null;
        DateOnly end;
        if (input is null)
        {
            int n = int.Parse(customersArg ?? "1000000", ic);
            temp = Path.Combine(Path.GetTempPath(), $"clv-pipeline-{n}.csv");
            if (!File.Exists(temp))
            {
                var g = Stopwatch.StartNew();
                long rows = SyntheticLog.WriteCsv(temp + ".tmp", SyntheticLog.Stream(n));
                File.Move(temp + ".tmp", temp, overwrite: true);
                Console.WriteLine(string.Create(ic, $"generated {n:N0} customers, {rows:N0} rows into {temp} in {g.ElapsedMilliseconds} ms (not timed)"));
            }

            input = temp;
            end = endArg is null ? SyntheticLog.CalibrationEnd : DateOnly.ParseExact(endArg, "yyyy-MM-dd", ic);
        }
        else
        {
            end = DateOnly.ParseExact(endArg ?? throw new ArgumentException("--observation-end yyyy-MM-dd is required with --input."), "yyyy-MM-dd", ic);
        }

        // Start the peak-memory measurement here: generation above is not part of the job.
        PeakMemory.Reset();

        var total = Stopwatch.StartNew();
        var stage = Stopwatch.StartNew();
        long faults = MinorFaults();
        void Report(string name)
        {
            Console.WriteLine(string.Create(ic, $"{name,-34}{stage.Elapsed.TotalMilliseconds,10:F0} ms   (peak so far {PeakMemory.Bytes() / (1024 * 1024)} MB)"));
            if (Environment.GetEnvironmentVariable("CLV_GCINFO") == "1")
            {
                // Diagnostics only (not part of the output format): collections so far by generation, heap, committed and resident memory,
                // and the stage's page faults.
                var gc = GC.GetGCMemoryInfo();
                long now = MinorFaults();
                Console.WriteLine(string.Create(ic, $"   gc {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} heap {GC.GetTotalMemory(false) / (1024 * 1024)} MB committed {gc.TotalCommittedBytes / (1024 * 1024)} MB rss {Environment.WorkingSet / (1024 * 1024)} MB allocated {GC.GetTotalAllocatedBytes() / (1024 * 1024)} MB faults {now - faults}"));
                faults = now;
            }
            stage.Restart();
        }

        var builder = new CustomerSummariesBuilder(end, TimeUnit.Week);
        if (Value(args, "--expected-customers") is { } expected)
        {
            // A caller that knows its customer count (a CRM) makes room once instead of growing by doubling.
            builder.EnsureCapacity(int.Parse(expected, ic));
        }

        var read = TransactionCsv.ReadInto(input, builder);
        Report("read CSV (streamed into builder)");
        var customers = builder.Build();
        Report("build summaries");

        var rfm = RfmScorer.Score(customers);
        var segments = new RfmSegment[customers.Count];
        SegmentMap.RfGrid().Assign(rfm.AsSpan(), segments);
        Report("RFM scores + RF-grid segments");

        var stages = new LifecycleStage[customers.Count];
        LifecyclePolicy.FromDays().Classify(customers, end, stages);
        Report("lifecycle stages");

        var bgnbd = BgNbdModel.Fit(customers);
        Report("BG/NBD fit");
        var spend = GammaGammaModel.Fit(customers);
        Report("Gamma-Gamma fit");

        var span = customers.AsSpan();
        var alive = new double[customers.Count];
        var next52 = new double[customers.Count];
        bgnbd.Model.ProbabilityAlive(span, alive);
        bgnbd.Model.ConditionalExpectedPurchases(span, 52, next52);
        Report("P(alive) + E[Y(52)]");

        var clv = new double[customers.Count];
        PredictiveClv.Compute(bgnbd.Model, spend.Model, span, new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week }, clv);
        Report("52-week discounted CLV");

        total.Stop();
        long peak = PeakMemory.Bytes();
        Console.WriteLine(string.Create(ic, $"BG/NBD {bgnbd.Model}; LL {bgnbd.LikelihoodLn:F2}; Gamma-Gamma p {spend.Model.P:G5} q {spend.Model.Q:G5} v {spend.Model.V:G5}"));
        Console.WriteLine(string.Create(ic, $"mean P(alive) {alive.Average():F4}; total E[Y(52)] {next52.Sum():F0}; total 52-week CLV {clv.Sum():F0}; rejected rows {read.Rejected.Count}"));
        Console.WriteLine(string.Create(ic, $"total_ms={total.ElapsedMilliseconds} peak_mb={peak / (1024 * 1024)} customers={customers.Count} transactions={customers.TransactionCount}"));
        GC.KeepAlive(segments);
        GC.KeepAlive(stages);
        return 0;
    }

    /// <summary>Minor page faults of the process so far (Linux, /proc/self/stat field 10), or 0 elsewhere.</summary>
    private static long MinorFaults()
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing parenthesis.
        string stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }

    private static string? Value(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
