using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>Chunked and partitioned runs give the same summaries, parameters and scores as one run (issue 8).</summary>
public class PartitionedRunTests
{
    [Fact]
    public void ChunkedAndPartitionedRuns_GiveTheSameSummariesParametersAndScoresAsOneRun()
    {
        // 60,000 simulated customers: enough to take every parallel path.
        var truth = new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);
        var spendTruth = new GammaGammaModel(6.25, 3.74, 15.44);
        var start = new DateOnly(2020, 1, 1);
        var firsts = new DateOnly[60_000];
        for (int i = 0; i < firsts.Length; i++)
        {
            firsts[i] = start.AddDays(i % 84);
        }

        var rows = truth.SimulateTransactions(firsts, start.AddDays(78 * 7), spendTruth, seed: 11);
        new Random(5).Shuffle(rows);
        var end = start.AddDays((52 * 7) - 1);

        var single = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Week);

        var chunkedBuilder = new CustomerSummariesBuilder(end, TimeUnit.Week);
        for (int i = 0; i < rows.Length; i += 4_099)
        {
            chunkedBuilder.Add(rows.AsSpan(i, Math.Min(4_099, rows.Length - i)));
        }

        var chunked = chunkedBuilder.Build();
        CustomerSummaries? partitioned = null;
        for (int p = 0; p < 5; p++)
        {
            var part = CustomerSummaries.FromTransactions(rows.AsSpan(rows.Length * p / 5, (rows.Length * (p + 1) / 5) - (rows.Length * p / 5)), end, TimeUnit.Week);
            partitioned = partitioned is null ? part : CustomerSummaries.Merge(partitioned, part);
        }

        Assert.True(CustomerSummariesPropertyTests.SameSummaries(single, chunked));
        Assert.True(CustomerSummariesPropertyTests.SameSummaries(single, partitioned!));

        var options = new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week };
        var fit = BgNbdModel.Fit(single).Model;
        var spend = GammaGammaModel.Fit(single).Model;
        var clv = PredictiveClv.Compute(fit, spend, single, options);
        foreach (var other in new[] { chunked, partitioned! })
        {
            var otherFit = BgNbdModel.Fit(other).Model;
            var otherSpend = GammaGammaModel.Fit(other).Model;
            Assert.Equal(fit.R, otherFit.R, Math.Abs(fit.R) * 1e-9);
            Assert.Equal(fit.Alpha, otherFit.Alpha, Math.Abs(fit.Alpha) * 1e-9);
            Assert.Equal(fit.A, otherFit.A, Math.Abs(fit.A) * 1e-9);
            Assert.Equal(fit.B, otherFit.B, Math.Abs(fit.B) * 1e-9);
            Assert.Equal(spend.P, otherSpend.P, Math.Abs(spend.P) * 1e-9);
            Assert.Equal(spend.V, otherSpend.V, Math.Abs(spend.V) * 1e-9);

            // Scores from the serialized model, matched by customer id.
            var restored = BgNbdModel.FromJson(otherFit.ToJson());
            var otherClv = PredictiveClv.Compute(restored, GammaGammaModel.FromJson(otherSpend.ToJson()), other, options);
            for (int i = 0; i < single.Count; i++)
            {
                Assert.True(other.TryGetIndex(single[i].CustomerId, out int j));
                Assert.Equal(clv[i], otherClv[j], Math.Max(1e-9, Math.Abs(clv[i]) * 1e-9));
            }
        }
    }
}
