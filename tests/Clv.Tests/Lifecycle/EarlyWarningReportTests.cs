using Clv.Lifecycle;

namespace Clv.Tests.Lifecycle;

public class EarlyWarningReportTests
{
    private static readonly LifecyclePolicy Days = LifecyclePolicy.FromDays();

    [Fact]
    public void Create_CustomersWhoWentQuiet_RankedByNetSpendWithPlainReason()
    {
        var rows = new[]
        {
            Log.Buy("regular", 0, 10), Log.Buy("regular", 30, 10), Log.Buy("regular", 60, 10),
            Log.Buy("big", 0, 900), Log.Buy("big", 25, 100), new Transaction("big", Log.B.AddDays(26), -50),
            Log.Buy("once", 60, 40),
            Log.Buy("active", 0, 5000), Log.Buy("active", 150, 5),
            Log.Buy("long-gone", 0, 7000),
        };
        var summaries = Log.Summaries(60, rows);
        var report = EarlyWarningReport.Create(Days, summaries, Log.B.AddDays(100), Log.B.AddDays(157));
        var warnings = report.Rows;

        Assert.Equal(3, report.ActiveCustomers);
        Assert.Equal(["big", "once", "regular"], warnings.Select(w => w.CustomerId));
        var big = warnings[0];
        Assert.Equal(950, big.ValueAtRisk);
        Assert.Equal(LifecycleStage.Growing, big.PreviousStage);
        Assert.Equal(LifecycleStage.Dormant, big.Stage);
        Assert.Equal(132, big.DaysSinceLastPurchase);
        Assert.Equal("no purchase for 132 days, 5.3x their usual gap of 25 days", big.Reason);
        Assert.Equal("no purchase for 97 days since their only purchase", warnings[1].Reason);
        Assert.True(double.IsNaN(warnings[1].GapMultiple));
        Assert.Equal("no purchase for 97 days, 3.2x their usual gap of 30 days", warnings[2].Reason);
        Assert.Equal(97 / 30.0, warnings[2].GapMultiple, 12);
        Assert.Equal("regular: no purchase for 97 days, 3.2x their usual gap of 30 days", warnings[2].ToString());
    }

    [Fact]
    public void Create_SuppliedValues_RankByThem()
    {
        var rows = new[] { Log.Buy("a", 0, 10), Log.Buy("b", 0, 20) };
        var summaries = Log.Summaries(0, rows);
        var warnings = EarlyWarningReport.Create(Days, summaries, [300.0, 100.0], Log.B.AddDays(10), Log.B.AddDays(95)).Rows;
        Assert.Equal(["a", "b"], warnings.Select(w => w.CustomerId));
        Assert.Equal(300, warnings[0].ValueAtRisk);
        Assert.Throws<ArgumentException>(() => EarlyWarningReport.Create(Days, summaries, [1.0], Log.B, Log.B.AddDays(95)));
        Assert.Throws<ArgumentOutOfRangeException>(() => EarlyWarningReport.Create(Days, summaries, Log.B.AddDays(95), Log.B));
        Assert.Throws<ArgumentOutOfRangeException>(() => EarlyWarningReport.Create(Days, summaries, [double.NaN, 1.0], Log.B.AddDays(10), Log.B.AddDays(95)));
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    public void Reasons_LargePopulationOverTheCores_AreTheReportsReasonsCustomerByCustomer(bool probability, int seed)
    {
        // 60,000 customers: the scorecard's reasons are computed in ranges on every core, and must be the report's.
        var random = new Random(seed);
        var rows = new List<Transaction>();
        for (int c = 0; c < 60_000; c++)
        {
            int first = random.Next(0, 500), purchases = 1 + random.Next(0, 6);
            for (int k = 0, day = first; k < purchases && day <= 700; k++, day += 1 + random.Next(0, 120))
            {
                rows.Add(Log.Buy("c" + c, day, 1 + random.Next(0, 100)));
            }
        }

        var summaries = Log.Summaries(700, [.. rows]);
        var policy = probability ? LifecyclePolicy.FromAliveProbability((x, tx, t, _) => 1 / (1 + ((t - tx) / (10.0 + x))), 0.5, 0.2) : Days;
        var since = Log.B.AddDays(520);
        var asOf = Log.B.AddDays(700);
        var expected = new string?[summaries.Count];
        var report = EarlyWarningReport.Create(policy, summaries, since, asOf);
        foreach (var warning in report.Rows)
        {
            expected[warning.CustomerIndex] = warning.Reason;
        }

        var reasons = new string?[summaries.Count];
        EarlyWarningReport.Reasons(policy, summaries, since, asOf, reasons);
        Assert.True(report.Rows.Count > 1000, $"{report.Rows.Count} warnings");
        Assert.Equal(expected, reasons);
        Assert.Throws<ArgumentOutOfRangeException>(() => EarlyWarningReport.Reasons(policy, summaries, asOf, since, reasons));
        Assert.Throws<ArgumentException>(() => EarlyWarningReport.Reasons(policy, summaries, since, asOf, new string?[3]));
    }

    [Fact]
    public void Create_AliveProbabilityPolicy_ReasonIncludesProbability()
    {
        var policy = LifecyclePolicy.FromAliveProbability((x, tx, t, _) => t - tx > 50 ? 0.3 : 0.9, 0.5, 0.2);
        var summaries = Log.Summaries(0, Log.Buy("a", 0), Log.Buy("a", 10));
        var warnings = EarlyWarningReport.Create(policy, summaries, Log.B.AddDays(20), Log.B.AddDays(70)).Rows;
        var w = Assert.Single(warnings);
        Assert.Equal("no purchase for 60 days, 6.0x their usual gap of 10 days; probability still active 0.30", w.Reason);
    }

    [Fact]
    public void Create_Cdnow_MatchesAnIndependentDayRuleOnTheRawLog()
    {
        // Oracle from the raw rows, not from the policy: under the day rule (no engagement) a buyer is active while at
        // most 90 days have passed since their last purchase, and quiet after; value at risk is spend up to the date.
        var rows = TestData.CdnowSample();
        var summaries = TestData.CdnowSummaries();
        var since = new DateOnly(1997, 9, 30);
        var now = new DateOnly(1998, 6, 30);
        var expected = rows.GroupBy(r => r.CustomerId)
            .Select(g => (
                Id: g.Key,
                Last0: g.Where(r => r.Date <= since).Select(r => r.Date.DayNumber).DefaultIfEmpty(-1).Max(),
                Last1: g.Where(r => r.Date <= now).Max(r => r.Date.DayNumber),
                Value: g.Where(r => r.Date <= now).Sum(r => r.Amount)))
            .Where(c => c.Last0 >= 0 && since.DayNumber - c.Last0 <= 90 && now.DayNumber - c.Last1 > 90)
            .OrderByDescending(c => c.Value)
            .ToList();

        var report = EarlyWarningReport.Create(Days, summaries, since, now);

        Assert.True(expected.Count > 100);
        Assert.Equal(expected.Select(c => c.Id).Order(StringComparer.Ordinal), report.Rows.Select(w => w.CustomerId).Order(StringComparer.Ordinal));
        var byId = expected.ToDictionary(c => c.Id);
        foreach (var w in report.Rows)
        {
            Assert.Equal(byId[w.CustomerId].Value, w.ValueAtRisk, 1e-9);
            Assert.Equal(now.DayNumber - byId[w.CustomerId].Last1, w.DaysSinceLastPurchase);
            Assert.Equal(now.DayNumber - byId[w.CustomerId].Last1 > 180 ? LifecycleStage.Churned : LifecycleStage.Dormant, w.Stage);
        }

        for (int k = 1; k < report.Rows.Count; k++)
        {
            Assert.True(report.Rows[k - 1].ValueAtRisk >= report.Rows[k].ValueAtRisk);
        }

        int active = rows.GroupBy(r => r.CustomerId).Count(g => g.Any(r => r.Date <= since) && since.DayNumber - g.Where(r => r.Date <= since).Max(r => r.Date.DayNumber) <= 90);
        Assert.Equal(active, report.ActiveCustomers);
    }

    [Fact]
    public void ToString_HandBuiltReport_InvariantTable()
    {
        var summaries = Log.Summaries(0, Log.Buy("big", 0, 1234.5), Log.Buy("big", 10, 1000), Log.Buy("once", 0, 20));
        var report = EarlyWarningReport.Create(Days, summaries, Log.B.AddDays(20), Log.B.AddDays(200));
        string expected =
            "Early warning 2020-01-21 -> 2020-07-19: 2 of 2 active customers went quiet\n" +
            "customer  was  now      days quiet  gap multiple  value at risk  reason\n" +
            "big       New  Churned         190          19.0       2,234.50  no purchase for 190 days, 19.0x their usual gap of 10 days\n" +
            "once      New  Churned         200             -          20.00  no purchase for 200 days since their only purchase\n";
        Assert.Equal(expected, Culture.Invariant(report.ToString));
    }
}
