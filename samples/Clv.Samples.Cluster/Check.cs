using System.Diagnostics;
using System.Globalization;
using Clv;
using Clv.Crm;
using Clv.Csv;
using Clv.Orleans;
using Clv.Probabilistic;

namespace Clv.Samples.Cluster;

/// <summary>The single-process pipeline over the same files, and the comparison with the cluster's result.</summary>
internal static class Check
{
    private static readonly CultureInfo Ic = CultureInfo.InvariantCulture;

    public static bool SingleProcess(ClusterJobSpec spec, ClusterJobResult result, string[] shards)
    {
        var clock = Stopwatch.StartNew();
        var builder = new CustomerSummariesBuilder(spec.ObservationEnd, spec.TimeUnit);
        foreach (string shard in shards)
        {
            TransactionCsv.ReadInto(shard, builder);
        }

        var customers = builder.Build();
        var purchases = BgNbdModel.Fit(customers).Model;
        var spend = GammaGammaModel.Fit(customers).Model;
        var scorecard = Scorecard.Create(customers, spec.ScorecardOptions(purchases, spend));
        string single = Path.Combine(spec.OutputFolder, "single-process.csv.check");
        ScorecardCsv.Write(single, scorecard);
        Console.WriteLine(string.Create(Ic, $"single process: {clock.ElapsedMilliseconds} ms (read, summarise, fit, score, write one file)"));

        bool statistics = PurchaseStatistics.FromSummaries(customers).ToBytes().AsSpan().SequenceEqual(result.PurchaseStatistics.ToBytes())
            && SpendStatistics.FromSummaries(customers).ToBytes().AsSpan().SequenceEqual(result.SpendStatistics.ToBytes());
        double parameters = new[]
        {
            Rel(purchases.R, result.PurchaseModel.R), Rel(purchases.Alpha, result.PurchaseModel.Alpha), Rel(purchases.A, result.PurchaseModel.A),
            Rel(purchases.B, result.PurchaseModel.B), Rel(spend.P, result.SpendModel.P), Rel(spend.Q, result.SpendModel.Q), Rel(spend.V, result.SpendModel.V),
        }.Max();

        // Every scorecard row, as text with round-trip numbers: the same multiset of lines (order-free hash and count).
        var (singleCount, singleHash) = Lines([single]);
        var (clusterCount, clusterHash) = Lines(result.OutputFiles);
        File.Delete(single);
        bool rows = singleCount == clusterCount && singleHash == clusterHash && clusterCount == customers.Count;

        Console.WriteLine(string.Create(Ic, $"check: statistics equal {statistics}; largest relative parameter difference {parameters:G3}; {clusterCount:N0} scorecard rows equal {rows}"));
        bool ok = statistics && parameters <= 1e-9 && rows && result.Customers == customers.Count;
        Console.WriteLine(ok ? "the cluster's result equals the single-process pipeline" : "MISMATCH: the cluster's result differs from the single-process pipeline");
        return ok;
    }

    private static (long Count, ulong Hash) Lines(IEnumerable<string> files)
    {
        long count = 0;
        ulong sum = 0;
        foreach (string file in files)
        {
            foreach (string line in File.ReadLines(file).Skip(1))
            {
                ulong h = 14695981039346656037;
                foreach (char c in line)
                {
                    h = (h ^ c) * 1099511628211;
                }

                sum += h * 0x9E3779B97F4A7C15;
                count++;
            }
        }

        return (count, sum);
    }

    private static double Rel(double a, double b) => Math.Abs(a - b) / Math.Max(1e-300, Math.Max(Math.Abs(a), Math.Abs(b)));
}
