using Clv.Internal;
using Clv.Rfm;

namespace Clv.Tests.Rfm;

public class RfmScorerTests
{
    [Fact]
    public void Score_Cdnow_FrontDoorScoresEveryCustomerWithinOneToFive()
    {
        RfmScores rfm = RfmScorer.Score(RfmTestData.CdnowCustomers);
        RfmScore score = rfm[0];

        Assert.Equal(2357, rfm.Count);
        Assert.Equal(0, rfm.LeadCount);
        Assert.Equal((100 * score.R) + (10 * score.F) + score.M, score.Code);
        Assert.All(rfm, s => Assert.True(s.R is >= 1 and <= 5 && s.F is >= 1 and <= 5 && s.M is >= 1 and <= 5));
    }

    [Fact]
    public void Score_CdnowHeavyTies_OneTimeBuyersShareFrequencyOneAndBinsCollapse()
    {
        var customers = RfmTestData.CdnowCustomers;
        var rfm = RfmScorer.Score(customers);

        // 1,411 of 2,357 customers bought on one day only: the 20%, 40% and 60%... quantiles of purchase days coincide.
        Assert.Equal(1411, customers.Count(c => c.PurchaseDays == 1));
        Assert.Equal(1.0, rfm.CutPoints.Frequency[0]);
        Assert.Equal(1.0, rfm.CutPoints.Frequency[1]);
        for (int i = 0; i < customers.Count; i++)
        {
            if (customers[i].PurchaseDays == 1)
            {
                Assert.Equal(1, rfm[i].F);
            }
        }

        Assert.Equal(1411, rfm.Count(s => s.F == 1));
        Assert.DoesNotContain(rfm, s => s.F == 2);
    }

    [Fact]
    public void Score_CutPointsAreDistinctBinsWithoutTies_EqualSizedScores()
    {
        var customers = Enumerable.Range(0, 100).Select(i => RfmTestData.Customer(i, i + 1, i * 10.0)).ToArray();

        var rfm = RfmScorer.Score(customers, new RfmOptions { ScoreCount = 4 });

        for (int s = 1; s <= 4; s++)
        {
            Assert.Equal(25, rfm.Count(x => x.F == s));
            Assert.Equal(25, rfm.Count(x => x.M == s));
            Assert.Equal(25, rfm.Count(x => x.R == s));
        }

        Assert.Equal(new RfmScore(4, 1, 1), rfm[0]);
        Assert.Equal(new RfmScore(1, 4, 4), rfm[99]);
        Assert.Equal([25.0, 50.0, 75.0], rfm.CutPoints.DaysSinceLastPurchase);
        Assert.Equal([25.0, 50.0, 75.0], rfm.CutPoints.Frequency);
    }

    [Fact]
    public void Score_RepeatPurchasesMeasure_SameScoresShiftedCutPoints()
    {
        var customers = RfmTestData.CdnowCustomers;
        var days = RfmScorer.Score(customers);
        var repeat = RfmScorer.Score(customers, new RfmOptions { FrequencyMeasure = FrequencyMeasure.RepeatPurchases });

        Assert.Equal(days.AsSpan().ToArray(), repeat.AsSpan().ToArray());
        Assert.Equal(days.CutPoints.Frequency.Select(f => f - 1), repeat.CutPoints.Frequency);
    }

    [Fact]
    public void Score_MeanMonetaryMeasure_UsesNetSpendPerPurchaseDay()
    {
        var customers = new[] { RfmTestData.Customer(1, 1, 100), RfmTestData.Customer(1, 10, 200), RfmTestData.Customer(1, 2, 50) };

        var total = RfmScorer.Score(customers, new RfmOptions { ScoreCount = 3 });
        var mean = RfmScorer.Score(customers, new RfmOptions { ScoreCount = 3, MonetaryMeasure = MonetaryMeasure.Mean });

        Assert.Equal([2, 3, 1], total.Select(s => s.M));
        Assert.Equal([3, 1, 2], mean.Select(s => s.M));
    }

    [Fact]
    public void Score_Leads_GetExplicitLeadOutcomeAndStayOutOfThePopulation()
    {
        var customers = new[]
        {
            RfmTestData.Customer(0, 0, 0, "lead"),
            RfmTestData.Customer(5, 1, 10, "a"),
            RfmTestData.Customer(50, 3, 90, "b"),
        };

        var rfm = RfmScorer.Score(customers, null);

        Assert.True(rfm[0].IsLead);
        Assert.Equal(RfmScore.Lead, rfm[0]);
        Assert.Equal(0, rfm[0].Code);
        Assert.False(rfm[1].IsLead);
        Assert.Equal(1, rfm.LeadCount);
        Assert.Equal(2, rfm.CutPoints.PopulationSize);
        Assert.Equal(RfmSegment.Lead, SegmentMap.RfGrid().Assign(rfm[0]));
    }

    [Fact]
    public void Score_RefundOnlyCustomerFromTransactions_IsLead()
    {
        var end = new DateOnly(2020, 3, 1);
        Transaction[] log =
        [
            new("buyer", new DateOnly(2020, 1, 1), 30),
            new("buyer", new DateOnly(2020, 2, 1), 20),
            new("refunder", new DateOnly(2020, 1, 5), -15),
        ];
        var customers = CustomerSummaries.FromTransactions(log, end, TimeUnit.Day);
        Assert.True(customers.TryGetIndex("refunder", out int i));

        var rfm = RfmScorer.Score(customers);

        Assert.True(rfm[i].IsLead);
    }

    [Fact]
    public void Score_CustomBreakpoints_UsedInsteadOfQuantiles()
    {
        var customers = new[] { RfmTestData.Customer(10, 1, 5), RfmTestData.Customer(40, 2, 50), RfmTestData.Customer(400, 9, 500) };
        var options = new RfmOptions
        {
            ScoreCount = 3,
            DaysSinceLastPurchaseBreakpoints = [30, 90],
            FrequencyBreakpoints = [1, 5],
            MonetaryBreakpoints = [10, 100],
        };

        var rfm = RfmScorer.Score(customers, options);

        Assert.Equal([new RfmScore(3, 1, 1), new RfmScore(2, 2, 2), new RfmScore(1, 3, 3)], rfm);
        Assert.Equal([30.0, 90.0], rfm.CutPoints.DaysSinceLastPurchase);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(11)]
    [InlineData(0)]
    public void Score_ScoreCountOutsideTwoToTen_Throws(int k)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RfmScorer.Score(RfmTestData.CdnowCustomers, new RfmOptions { ScoreCount = k }));
        Assert.Contains("ScoreCount must be between 2 and 10", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_UnsortedBreakpoints_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => RfmScorer.Score(RfmTestData.CdnowCustomers, new RfmOptions { ScoreCount = 3, MonetaryBreakpoints = [50, 10] }));
        Assert.Contains("MonetaryBreakpoints must be strictly increasing", e.Message, StringComparison.Ordinal);
        Assert.Contains("is below", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_DuplicateBreakpoints_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => RfmScorer.Score(RfmTestData.CdnowCustomers, new RfmOptions { ScoreCount = 3, DaysSinceLastPurchaseBreakpoints = [30, 30] }));
        Assert.Contains("duplicates", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_WrongBreakpointCount_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => RfmScorer.Score(RfmTestData.CdnowCustomers, new RfmOptions { FrequencyBreakpoints = [1, 2] }));
        Assert.Contains("exactly ScoreCount - 1 = 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_NaNBreakpoint_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => RfmScorer.Score(RfmTestData.CdnowCustomers, new RfmOptions { ScoreCount = 2, MonetaryBreakpoints = [double.NaN] }));
        Assert.Contains("finite", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_NaNMonetaryValue_Throws()
    {
        var customers = new[] { RfmTestData.Customer(1, 1, 10), RfmTestData.Customer(1, 1, double.NaN) };
        var e = Assert.Throws<ArgumentException>(() => RfmScorer.Score(customers, null));
        Assert.Contains("NaN", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreValues_NaN_Throws()
    {
        var cutPoints = RfmScorer.Score(RfmTestData.CdnowCustomers).CutPoints;
        Assert.Throws<ArgumentOutOfRangeException>(() => cutPoints.Score(double.NaN, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => cutPoints.Score(1, double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => cutPoints.Score(1, 1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => cutPoints.Score(-1, 1, 1));
    }

    [Fact]
    public void Score_EmptyPopulation_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => RfmScorer.Score(ReadOnlySpan<CustomerSummary>.Empty, null));
        Assert.Contains("population is empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_OnlyLeads_Throws()
    {
        var customers = new[] { RfmTestData.Customer(0, 0, 0), RfmTestData.Customer(0, 0, 0) };
        var e = Assert.Throws<ArgumentException>(() => RfmCutPoints.Fit(customers, null).Model);
        Assert.Contains("None of the 2 customers has a purchase", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreBatch_LengthMismatch_Throws()
    {
        var cutPoints = RfmScorer.Score(RfmTestData.CdnowCustomers).CutPoints;
        Assert.Throws<ArgumentException>(() => cutPoints.Score(RfmTestData.CdnowCustomers.AsSpan(), new RfmScore[3]));
    }

    [Fact]
    public void FitCutPoints_100kCustomers_NoGarbagePerCustomerBeyondTheScores()
    {
        // The fit returns a score per customer (3 bytes each); its working copy of the monetary values (8 bytes each) is
        // native and freed on return, so the collected heap sees the scores and little else.
        var customers = Enumerable.Range(0, 100_000).Select(i => RfmTestData.Customer(i % 365, 1 + (i % 17), (i * 7919) % 1000)).ToArray();
        var expected = RfmCutPoints.Fit(customers, null).Model;
        RfmCutPoints? fitted = null;
        long allocated = Allocations.Least(3, () => fitted = RfmCutPoints.Fit(customers, null).Model);
        Assert.Equal(expected.Monetary, fitted!.Monetary);
        Assert.True(allocated < (4L * customers.Length) + (64 << 10), $"allocated {allocated} bytes for {customers.Length} customers");
    }

    [Fact]
    public void ScoreBatch_100kCustomersPreallocatedDestination_AllocatesUnder1KB()
    {
        var customers = Enumerable.Range(0, 100_000).Select(i => RfmTestData.Customer(i % 365, 1 + (i % 17), (i * 7919) % 1000)).ToArray();
        var cutPoints = RfmCutPoints.Fit(customers, null).Model;
        var destination = new RfmScore[customers.Length];
        cutPoints.Score(customers, destination);

        long allocated = Allocations.Least(5, () => cutPoints.Score(customers, destination));

        Assert.True(allocated < 1024, $"allocated {allocated} bytes");
        Assert.Equal(RfmScorer.Score(customers, null).AsSpan().ToArray(), destination);
    }

    [Fact]
    public void ScoreValues_OneNewCustomer_MatchesSummaryScore()
    {
        var customers = RfmTestData.CdnowCustomers;
        var rfm = RfmScorer.Score(customers);
        var c = customers[10];

        var score = rfm.CutPoints.Score(c.DaysSinceLastPurchase!.Value, c.PurchaseDays, c.NetSpend);

        Assert.Equal(rfm[10], score);
        Assert.Equal(rfm[10], rfm.CutPoints.Score(c));
    }

    [Fact]
    public void RfmScore_PartOutsideOneToTen_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RfmScore(0, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RfmScore(1, 11, 1));
        Assert.Equal("R5 F4 M3", new RfmScore(5, 4, 3).ToString());
        Assert.Equal(543, new RfmScore(5, 4, 3).Code);
    }

    [Fact]
    public void SelectIntegers_WideRange_FallsBackToSelectionWithSameResult()
    {
        int[] values = [5_000_000, -3, 7, 7, 1_000_000_000, 0, 7, 42];
        var sorted = values.Order().ToArray();
        var ranks = new int[4];
        QuantileSelection.Ranks(values.Length, 5, ranks);
        var found = new double[4];

        QuantileSelection.SelectIntegers(values, values.Min(), values.Max(), ranks, found);

        Assert.Equal(ranks.Select(r => (double)sorted[r]), found);
    }
}
