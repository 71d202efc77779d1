using Clv.Internal;
using Clv.Rfm;

namespace Clv.Tests.Rfm;

/// <summary>
/// Populations large enough (150,000 customers) that fitting, scoring and segment assignment split over the cores: the
/// results must be those of the definition (order statistics, one customer at a time), and errors name the first culprit.
/// </summary>
public class RfmParallelTests
{
    private const int Size = 150_000;

    /// <summary>Customers with seeded inputs, one lead in eleven; wide ranges make the integer columns too wide for a histogram.</summary>
    private static CustomerSummary[] Population(bool wide, int seed)
    {
        var random = new Random(seed);
        var customers = new CustomerSummary[Size];
        for (int i = 0; i < Size; i++)
        {
            customers[i] = i % 11 == 3
                ? RfmTestData.Customer(0, 0, 0, "c" + i)
                : RfmTestData.Customer(
                    random.Next(0, wide ? 700_000 : 700),
                    random.Next(1, wide ? 1_000_000 : 40),
                    Math.Round(random.NextDouble() * 5000 - 100, 2),
                    "c" + i);
        }

        return customers;
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    [InlineData(false, 3)]
    public void Fit_LargePopulation_CutPointsAreOrderStatisticsAndScoresAreOneAtATime(bool wide, int seed)
    {
        var customers = Population(wide, seed);
        const int k = 5;
        var rfm = RfmScorer.Score(customers, new RfmOptions { ScoreCount = k });

        var buyers = customers.Where(c => c.HasPurchase).ToArray();
        int n = buyers.Length;
        int[] days = [.. buyers.Select(c => c.DaysSinceLastPurchase!.Value).Order()];
        int[] counts = [.. buyers.Select(c => c.PurchaseDays).Order()];
        double[] money = [.. buyers.Select(c => c.NetSpend).Order()];
        var ranks = new int[k - 1];
        QuantileSelection.Ranks(n, k, ranks);
        var cuts = rfm.CutPoints;
        Assert.Equal(n, cuts.PopulationSize);
        for (int j = 0; j < k - 1; j++)
        {
            Assert.Equal(counts[ranks[j]], cuts.Frequency[j]);
            Assert.Equal(money[ranks[j]], cuts.Monetary[j]);
            Assert.Equal(days[n - 1 - ranks[k - 2 - j]], cuts.DaysSinceLastPurchase[j]);
        }

        var scores = rfm.AsSpan();
        for (int i = 0; i < customers.Length; i++)
        {
            var expected = customers[i].HasPurchase ? cuts.Score(customers[i].DaysSinceLastPurchase!.Value, customers[i].PurchaseDays, customers[i].NetSpend) : RfmScore.Lead;
            Assert.Equal(expected, scores[i]);
        }
    }

    [Fact]
    public void Fit_LargePopulationWithTwoNaNs_NamesTheFirstCustomer()
    {
        var customers = Population(false, 4);
        customers[120_000] = RfmTestData.Customer(5, 2, double.NaN, "late");
        customers[20_000] = RfmTestData.Customer(5, 2, double.NaN, "early");
        var e = Assert.Throws<ArgumentException>(() => RfmScorer.Score(customers, null));
        Assert.Contains("'early'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'late'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_LargeBatch_EqualsOneAtATime()
    {
        var rfm = RfmScorer.Score(Population(false, 5), null);
        var map = SegmentMap.RfGrid();
        var segments = map.Assign(rfm.AsSpan());
        var scores = rfm.AsSpan();
        for (int i = 0; i < scores.Length; i++)
        {
            Assert.Same(map.Segments[map.IndexOf(scores[i])], segments[i]);
        }
    }

    [Fact]
    public void Assign_LargeBatchWithScoresAboveTheMap_NamesTheFirst()
    {
        var scores = Enumerable.Range(0, Size).Select(i => new RfmScore(1 + (i % 5), 1 + (i / 7 % 5), 1 + (i / 3 % 5))).ToArray();
        scores[130_000] = new RfmScore(8, 1, 1);
        scores[40_000] = new RfmScore(1, 7, 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SegmentMap.RfGrid().Assign(scores));
        Assert.Contains("R1 F7 M1", e.Message, StringComparison.Ordinal);
    }
}
