using Clv.Lifecycle;

namespace Clv.Tests.Lifecycle;

public class LifecycleTransitionReportTests
{
    private static readonly LifecyclePolicy Days = LifecyclePolicy.FromDays();

    [Fact]
    public void Create_HandBuiltCustomers_KpisMatchDefinitions()
    {
        // From = day 100, To = day 200.
        var rows = new[]
        {
            new Transaction("lead-activated", Log.B, -1), Log.Buy("lead-activated", 150),
            new Transaction("lead-still", Log.B, -1),
            Log.Buy("retained", 0, 500), Log.Buy("retained", 60, 500), Log.Buy("retained", 140),
            Log.Buy("at-risk", 0, 300), Log.Buy("at-risk", 85, 300),
            Log.Buy("churned", 0, 50), Log.Buy("churned", 5, 50),
            Log.Buy("dormant-back", 0, 20), Log.Buy("dormant-back", 190),
            Log.Buy("dormant-gone", 0, 1),
        };
        var summaries = Log.Summaries(100, rows);
        var t = LifecycleTransitionReport.Create(Days, summaries, Log.B.AddDays(100), Log.B.AddDays(200));

        Assert.Equal(7, t.Population);
        Assert.Equal(LifecycleStage.Lead, Days.Classify(summaries, 0, t.From));
        Assert.Equal(1, t.Count(LifecycleStage.Lead, LifecycleStage.New));
        Assert.Equal(1, t.Count(LifecycleStage.Lead, LifecycleStage.Lead));
        Assert.Equal(0.5, t.ActivationRate);

        // Active at day 100: retained (Growing), at-risk (Growing); churned is already Dormant (quiet 95).
        Assert.Equal(LifecycleStage.Dormant, Days.Classify(summaries, 4, t.From));
        Assert.Equal(2, t.FromCount(LifecycleStage.Growing));
        Assert.Equal(LifecycleStage.Growing, Days.Classify(summaries, 2, t.To));
        Assert.Equal(LifecycleStage.Dormant, Days.Classify(summaries, 3, t.To));
        Assert.Equal(0.5, t.RetentionRate);
        Assert.Equal(0.5, t.AtRiskRate);
        Assert.Equal(0, t.ChurnRate);

        // Quiet at day 100: churned (Dormant), dormant-back (Dormant), dormant-gone (Dormant); only dormant-back returns.
        Assert.Equal(3, t.FromCount(LifecycleStage.Dormant));
        Assert.Equal(1.0 / 3, t.ReactivationRate, 12);
        Assert.Equal(1, t.Count(LifecycleStage.Dormant, LifecycleStage.Reactivated));
        Assert.Equal(2, t.Count(LifecycleStage.Dormant, LifecycleStage.Churned));

        // Buyers at day 100: 5; bought again in (100, 200]: retained, dormant-back.
        Assert.Equal(0.4, t.RepurchaseRate);

        // Top 20% of 5 buyers = 1 customer: retained (1000 spent), still active; top 40% adds at-risk (600), now dormant.
        Assert.Equal(1, t.HighValueCustomers);
        Assert.Equal(1.0, t.HighValueCoverage);
        var top2 = LifecycleTransitionReport.Create(Days, summaries, t.From, t.To, 0.4);
        Assert.Equal(2, top2.HighValueCustomers);
        Assert.Equal(0.5, top2.HighValueCoverage);

        Assert.Equal(1.0 / 3, t.Share(LifecycleStage.Dormant, LifecycleStage.Reactivated), 12);
        Assert.True(double.IsNaN(t.Share(LifecycleStage.Mature, LifecycleStage.Mature)));
    }

    [Theory]
    [InlineData(0.07, 100, 7)]
    [InlineData(0.14, 50, 7)]
    [InlineData(0.14, 100, 14)]
    [InlineData(0.2, 2357, 472)]
    [InlineData(0.07, 101, 8)]
    public void Create_HighValueShareOfBuyers_IsTheCeilingOfTheShareAsWritten(double share, int buyers, int expected)
    {
        // 7% of 100 buyers is 7 customers: 0.07 x 100 rounds to 7.000000000000001, whose ceiling made the group 8.
        var rows = Enumerable.Range(0, buyers).Select(c => Log.Buy("c" + c, c % 90, 10 + c)).ToArray();
        var summaries = Log.Summaries(100, rows);

        var t = LifecycleTransitionReport.Create(Days, summaries, Log.B.AddDays(100), Log.B.AddDays(100), share);

        Assert.Equal(expected, t.HighValueCustomers);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Create_ThousandsOfBuyersWithTiedValues_CoverageOfTheTopByValueThenId(double share)
    {
        // 6,000 customers (the ranking's radix path), spend from a few amounts so that many values tie at the cut.
        var random = new Random(11);
        var rows = new List<Transaction>();
        for (int c = 0; c < 6000; c++)
        {
            int purchases = random.Next(1, 4);
            for (int p = 0; p < purchases; p++)
            {
                rows.Add(Log.Buy("c" + c, random.Next(0, 300), 10 * random.Next(1, 4)));
            }
        }

        var summaries = Log.Summaries(300, [.. rows]);
        DateOnly from = Log.B.AddDays(150), to = Log.B.AddDays(300);
        var t = LifecycleTransitionReport.Create(Days, summaries, from, to, share);

        // The definition: buyers by `from` ranked by net spend to `from`, highest first and ties by customer id; the top share of
        // them; how many of those are active at `to`.
        var buyers = Enumerable.Range(0, summaries.Count)
            .Select(i => (Index: i, Purchases: summaries.PurchaseDayNumbers(i).ToArray().Count(d => d <= from.DayNumber)))
            .Where(b => b.Purchases > 0)
            .ToList();
        int top = (int)Math.Ceiling((decimal)share * buyers.Count);   // the share as written (0.2 exactly), not its binary value
        var ranked = buyers.OrderByDescending(b => LifecycleTransitionReport.NetSpendUpTo(summaries, b.Index, b.Purchases)).ThenBy(b => summaries[b.Index].CustomerId, StringComparer.Ordinal).Take(top);
        int covered = ranked.Count(b => Days.Classify(summaries, b.Index, to).IsActive());
        Assert.True(buyers.Count > 4096);
        Assert.Equal(top, t.HighValueCustomers);
        Assert.Equal((double)covered / top, t.HighValueCoverage);
    }

    [Fact]
    public void Create_Cdnow_AgreesWithClassifyAtBothDates()
    {
        var summaries = TestData.CdnowSummaries();
        var from = new DateOnly(1997, 9, 30);
        var to = new DateOnly(1998, 6, 30);
        var t = LifecycleTransitionReport.Create(Days, summaries, from, to);
        var s1 = Days.Classify(summaries, from);
        var s2 = Days.Classify(summaries, to);

        Assert.Equal(2357, t.Population);
        foreach (var a in Enum.GetValues<LifecycleStage>())
        {
            Assert.Equal(s1.Count(s => s == a), t.FromCount(a));
            Assert.Equal(s2.Count(s => s == a), t.ToCount(a));
            double rowShares = 0;
            foreach (var b in Enum.GetValues<LifecycleStage>())
            {
                Assert.Equal(Enumerable.Range(0, s1.Length).Count(i => s1[i] == a && s2[i] == b), t.Count(a, b));
                rowShares += t.FromCount(a) > 0 ? t.Share(a, b) : 0;
            }

            Assert.Equal(t.FromCount(a) > 0 ? 1 : 0, rowShares, 12);
        }

        Assert.Equal(1, t.RetentionRate + t.AtRiskRate + t.ChurnRate, 12);
        int active = s1.Count(s => s.IsActive());
        Assert.Equal(Enumerable.Range(0, s1.Length).Count(i => s1[i].IsActive() && s2[i].IsActive()) / (double)active, t.RetentionRate, 12);
        int repurchased = summaries.Count(c => c.HoldoutPurchaseDays > 0);
        Assert.Equal(repurchased / 2357.0, t.RepurchaseRate, 12);
        Assert.True(double.IsNaN(t.ActivationRate));
    }

    [Fact]
    public void Create_SameDate_IdentityMatrix()
    {
        var summaries = TestData.CdnowSummaries();
        var t = LifecycleTransitionReport.Create(Days, summaries, summaries.ObservationEnd, summaries.ObservationEnd);
        foreach (var a in Enum.GetValues<LifecycleStage>())
        {
            Assert.Equal(t.FromCount(a), t.Count(a, a));
        }

        Assert.Equal(1.0, t.RetentionRate);
        Assert.Equal(0.0, t.RepurchaseRate);
    }

    [Fact]
    public void Create_InvalidArguments_Throw()
    {
        var summaries = TestData.CdnowSummaries();
        var from = summaries.ObservationEnd;
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleTransitionReport.Create(Days, summaries, from.AddDays(10), from));
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleTransitionReport.Create(Days, summaries, from, from.AddDays(10), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleTransitionReport.Create(Days, summaries, from, from.AddDays(10), double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => LifecycleTransitionReport.Create(Days, summaries, new DateOnly(1996, 12, 31), from));
        var t = LifecycleTransitionReport.Create(Days, summaries, from, from);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => t.Count(LifecycleStage.Lead, (LifecycleStage)9));
        Assert.Equal("to", ex.ParamName);
    }

    [Fact]
    public void Rows_Cdnow_NonEmptyCellsOfTheMatrixInStageOrder()
    {
        var summaries = TestData.CdnowSummaries();
        var t = LifecycleTransitionReport.Create(Days, summaries, new DateOnly(1997, 9, 30), new DateOnly(1998, 6, 30));
        var expected = Enum.GetValues<LifecycleStage>()
            .SelectMany(a => Enum.GetValues<LifecycleStage>().Select(b => (a, b)))
            .Where(p => t.Count(p.a, p.b) > 0)
            .Select(p => new LifecycleTransitionRow(p.a, p.b, t.Count(p.a, p.b), t.Share(p.a, p.b)))
            .ToArray();
        Assert.Equal(expected, t.Rows);
        Assert.Equal(t.Population, t.Rows.Sum(r => r.Customers));
        Assert.StartsWith("Lifecycle transitions 1997-09-30 -> 1998-06-30, 2,357 customers\nfrom ", t.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_HandBuilt_InvariantTableWithKpis()
    {
        var summaries = Log.Summaries(100, Log.Buy("early", 0, 100), Log.Buy("early", 30, 100), Log.Buy("late", 60, 900));
        var t = LifecycleTransitionReport.Create(Days, summaries, Log.B.AddDays(40), Log.B.AddDays(100), highValueShare: 1);
        string expected =
            "Lifecycle transitions 2020-02-10 -> 2020-04-10, 2 customers\n" +
            "from              to       customers  share\n" +
            "Growing           Growing          1  1.000\n" +
            "Not yet acquired  New              1  1.000\n" +
            "retention 1.000, at risk 0.000, churn 0.000\n" +
            "repurchase 0.000, activation n/a, reactivation n/a\n" +
            "high-value coverage 1.000 (top 1.000 of buyers: 1 customers)\n";
        Assert.Equal(expected, Culture.Invariant(t.ToString));
    }
}
