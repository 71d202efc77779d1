using System.Collections.Concurrent;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Fitted models are "immutable and thread-safe" (PurchaseModel's docs): one model shared by 16 threads of a web server
/// gives, bit for bit, the predictions it gives on one thread. Pareto/NBD keeps a cache of tail integrals that those
/// threads fill at once; each round starts from a new model, so the cache starts empty.
/// </summary>
public class SharedModelThreadTests
{
    public static TheoryData<string> Models => ["bgnbd", "mbgnbd", "paretonbd"];

    [Theory]
    [MemberData(nameof(Models))]
    public void EveryPrediction_OneModelOn16Threads_SameAsOnOne(string name)
    {
        var customers = CdnowFits.Summaries;
        var predictions = Predictions(customers);
        double[][] expected = [.. predictions.Select(p => p(Model(name)))];
        var wrong = new ConcurrentBag<string>();
        for (int round = 0; round < 3; round++)
        {
            var shared = Model(name);
            Parallel.For(0, 4 * predictions.Length, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = TestContext.Current.CancellationToken }, k =>
            {
                int i = (k * 7) % predictions.Length;
                if (!predictions[i](shared).AsSpan().SequenceEqual(expected[i]))
                {
                    wrong.Add($"prediction {i} in round {round}");
                }
            });
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void ConditionalExpectedSpend_OneModelOn16Threads_SameAsOnOne()
    {
        var spend = CdnowFits.GammaGamma.Model;
        double[] expected = spend.ConditionalExpectedSpend(CdnowFits.Summaries);
        int wrong = 0;
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = TestContext.Current.CancellationToken }, _ =>
        {
            if (!spend.ConditionalExpectedSpend(CdnowFits.Summaries).AsSpan().SequenceEqual(expected))
            {
                Interlocked.Increment(ref wrong);
            }
        });
        Assert.Equal(0, wrong);
    }

    private static PurchaseModel Model(string name)
    {
        var p = CdnowFits.Fitted;
        return name switch
        {
            "bgnbd" => new BgNbdModel(p.R, p.Alpha, p.A, p.B, TimeUnit.Week),
            "mbgnbd" => new MbgNbdModel(p.R, p.Alpha, p.A, p.B, TimeUnit.Week),
            _ => new ParetoNbdModel(0.553, 10.58, 0.606, 11.67, TimeUnit.Week),
        };
    }

    private static Func<PurchaseModel, double[]>[] Predictions(CustomerSummaries c)
    {
        var some = c.AsSpan()[..200].ToArray();
        var all = c.AsSpan().ToArray();
        return
        [
            m => m.ProbabilityAlive(c),
            m => [.. all.Select(s => m.ProbabilityAlive(s.Frequency, s.Recency, s.Age))],
            m => m.ConditionalExpectedPurchases(c, 26),
            m => m.ProbabilityOfAnyPurchase(c, 13),
            m => m.NextPurchaseTime(c, 0.5),
            m => [.. Enumerable.Range(0, 40).Select(t => m.ExpectedPurchases(t * 1.5))],
            m => [.. Enumerable.Range(0, 12).Select(n => m.PurchaseCountProbability(n, 39))],
            m => [.. some.Select(s => m.ConditionalPurchaseCountProbability(1, s.Frequency, s.Recency, s.Age, 39))],
            m => [.. some.Select(s => (double)m.ConditionalPurchaseCountQuantile(s.Frequency, s.Recency, s.Age, 39, 0.9))],
            m => PredictiveClv.Compute(m, CdnowFits.GammaGamma.Model, c, null),
        ];
    }
}
