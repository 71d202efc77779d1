using Clv.Crm;
using Clv.Lifecycle;

namespace Clv.Tests.Crm;

/// <summary>The KPI report on a hand-computed log, on CDNOW against the cohort report, and bad input.</summary>
public class KpiReportTests
{
    private static Transaction T(string id, int month, int day, double amount) => new(id, new DateOnly(2020, month, day), amount);

    /// <summary>
    /// a: Jan 10, Feb 5 twice (one order of 75), Mar 20; b: Jan 25 only; c: Feb 15 and Feb 20, a refund on Feb 22;
    /// d: Mar 31, and Apr 2 after the range; e: a refund only (never a customer).
    /// </summary>
    internal static Transaction[] Tiny() =>
    [
        T("a", 1, 10, 100), T("a", 2, 5, 50), T("a", 2, 5, 25), T("a", 3, 20, 40),
        T("b", 1, 25, 60),
        T("c", 2, 15, 30), T("c", 2, 20, 20), T("c", 2, 22, -10),
        T("d", 4, 2, 999), T("d", 3, 31, 10),
        T("e", 2, 10, -5),
    ];

    private static readonly KpiOptions Thirty = new() { ActiveWindowDays = 30 };

    [Fact]
    public void Create_TinyLog_HandComputedKpis()
    {
        var report = KpiReport.Create(Tiny(), new DateOnly(2020, 2, 1), new DateOnly(2020, 3, 31), Thirty);

        // February (active at start = an order Jan 2..Jan 31): a and b active; b has no order Jan 31..Feb 29, so churned.
        // Paying a (one order, 75) and c (two orders, 50, new); base a, b, c.
        Assert.Equal(
            new KpiRow(new DateOnly(2020, 2, 1), new DateOnly(2020, 2, 29), CustomerBase: 3, PayingCustomers: 2, NewCustomers: 1, Orders: 3,
                Revenue: 125, Refunds: 15, Arpu: 125 / 3.0, Arppu: 62.5, AverageOrderValue: 125 / 3.0, PurchaseFrequency: 1.5,
                RepeatCustomers: 2, RepeatRate: 1, ActiveAtStart: 2, Churned: 1, ChurnRate: 0.5),
            report.Rows[0]);

        // March (active at start = an order Jan 31..Feb 29): a and c; c has no order Mar 2..Mar 31, so churned.
        // Paying a (40, a repeat customer) and d (10, new, one order so far: April is after the range).
        Assert.Equal(
            new KpiRow(new DateOnly(2020, 3, 1), new DateOnly(2020, 3, 31), 3, 2, 1, 2, 50, 0, 50 / 3.0, 25, 25, 1, 1, 0.5, 2, 1, 0.5),
            report.Rows[1]);
        Assert.Equal(2, report.Rows.Count);
        Assert.Equal(110, report.Rows[0].NetRevenue);
        Assert.Equal(
            "KPIs by month from 2020-02-01 to 2020-03-31 (active window 30 days)\n" +
            "period      base  paying  new  orders  revenue   ARPU  ARPPU    AOV  frequency  repeat  churn\n" +
            "2020-02-01     3       2    1       3   125.00  41.67  62.50  41.67       1.50   1.000  0.500\n" +
            "2020-03-01     3       2    1       2    50.00  16.67  25.00  25.00       1.00   0.500  0.500\n",
            report.ToString());
    }

    [Fact]
    public void Create_PartialPeriodsAndQuarters_CutToTheRange()
    {
        var months = KpiReport.Create(Tiny(), new DateOnly(2020, 2, 10), new DateOnly(2020, 3, 15), Thirty);
        Assert.Equal([(new DateOnly(2020, 2, 10), new DateOnly(2020, 2, 29)), (new DateOnly(2020, 3, 1), new DateOnly(2020, 3, 15))], months.Rows.Select(r => (r.PeriodStart, r.PeriodEnd)));
        Assert.Equal(50, months.Rows[0].Revenue);       // a's Feb 5 order is before the range
        Assert.Equal(15, months.Rows[0].Refunds);
        Assert.Equal(0, months.Rows[1].PayingCustomers);
        Assert.True(double.IsNaN(months.Rows[1].Arppu));
        Assert.True(double.IsNaN(months.Rows[1].RepeatRate));

        var quarter = KpiReport.Create(Tiny(), new DateOnly(2020, 1, 1), new DateOnly(2020, 6, 30), new KpiOptions { Period = CohortPeriod.Quarter });
        Assert.Equal([new DateOnly(2020, 1, 1), new DateOnly(2020, 4, 1)], quarter.Rows.Select(r => r.PeriodStart));
        Assert.Equal(4, quarter.Rows[0].NewCustomers);
        Assert.Equal(100 + 75 + 40 + 60 + 50 + 10, quarter.Rows[0].Revenue);
        Assert.Equal(999, quarter.Rows[1].Revenue);
        Assert.Equal(0, quarter.Rows[0].ActiveAtStart);
        Assert.True(double.IsNaN(quarter.Rows[0].ChurnRate));

        var oneDay = KpiReport.Create(Tiny(), new DateOnly(2020, 2, 5), new DateOnly(2020, 2, 5), null);
        Assert.Equal((1, 1L, 75.0), (oneDay.Rows.Single().PayingCustomers, oneDay.Rows.Single().Orders, oneDay.Rows.Single().Revenue));
    }

    [Fact]
    public void Create_Cdnow_AgreesWithTheCohortReport()
    {
        var log = TestData.CdnowSample();
        var end = new DateOnly(1998, 6, 30);
        var report = KpiReport.Create(log, new DateOnly(1997, 1, 1), end, null);
        var cohorts = CohortReport.Create(CustomerSummaries.FromTransactions(log, end, TimeUnit.Day), CohortPeriod.Month, end);

        Assert.Equal(18, report.Rows.Count);
        Assert.Equal(2357, report.Rows.Sum(r => r.NewCustomers));
        foreach (var row in report.Rows)
        {
            var cells = cohorts.Rows.Where(c => c.PeriodStart == row.PeriodStart).ToArray();
            Assert.Equal(cells.Sum(c => c.ActiveCustomers), row.PayingCustomers);
            Assert.Equal(cells.Sum(c => c.Spend), row.Revenue, 6);
            Assert.InRange(row.RepeatRate, 0, 1);
            if (row.PeriodStart == new DateOnly(1997, 1, 1))
            {
                Assert.True(double.IsNaN(row.ChurnRate));   // the cohort's first month: nobody was a customer before it
            }
            else
            {
                Assert.InRange(row.ChurnRate, 0, 1);
            }
            Assert.True(row.Arppu >= row.Arpu);
        }

        Assert.Equal(log.Where(t => t.Date <= end).Sum(t => t.Amount), report.Rows.Sum(r => r.NetRevenue), 6);
    }

    [Fact]
    public void Create_EndBeforeStart_ThrowsNamingBothDates()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => KpiReport.Create(Tiny(), new DateOnly(2020, 3, 1), new DateOnly(2020, 2, 1), null));
        Assert.Equal("end", e.ParamName);
        Assert.Equal(new DateOnly(2020, 2, 1), e.ActualValue);
        Assert.Contains("end (2020-02-01) cannot be before start (2020-03-01)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BadInput_Throws()
    {
        var rows = Tiny();
        rows[3] = default;
        var e = Assert.Throws<ArgumentException>(() => KpiReport.Create(rows, new DateOnly(2020, 1, 1), new DateOnly(2020, 3, 31), null));
        Assert.Equal("transactions", e.ParamName);
        Assert.Contains("transactions[3]", e.Message, StringComparison.Ordinal);

        var w = Assert.Throws<ArgumentOutOfRangeException>(() => KpiReport.Create(Tiny(), new DateOnly(2020, 1, 1), new DateOnly(2020, 3, 31), new KpiOptions { ActiveWindowDays = 0 }));
        Assert.Equal(("options.ActiveWindowDays", (object?)0), (w.ParamName, w.ActualValue));
        var p = Assert.Throws<ArgumentOutOfRangeException>(() => KpiReport.Create(Tiny(), new DateOnly(2020, 1, 1), new DateOnly(2020, 3, 31), new KpiOptions { Period = (CohortPeriod)7 }));
        Assert.Equal("options.Period", p.ParamName);
    }

    [Fact]
    public void Create_EmptyLog_RowsOfZeros()
    {
        var report = KpiReport.Create([], new DateOnly(2020, 1, 1), new DateOnly(2020, 2, 29), null);
        Assert.Equal(2, report.Rows.Count);
        Assert.All(report.Rows, r => Assert.Equal((0, 0, 0L, 0.0), (r.CustomerBase, r.PayingCustomers, r.Orders, r.Revenue)));
        Assert.All(report.Rows, r => Assert.True(double.IsNaN(r.Arpu)));
    }

    [Theory]
    [InlineData(CohortPeriod.Month, 3)]
    [InlineData(CohortPeriod.Quarter, 1)]
    public void Create_RangeEndingOnTheLastDayThereIs_PeriodsToDecember9999(CohortPeriod period, int count)
    {
        // The last period ends on 9999-12-31: found without stepping a month or quarter past it.
        Transaction[] log = [new("a", new DateOnly(9999, 10, 2), 10), new("a", new DateOnly(9999, 12, 31), 20)];
        var report = KpiReport.Create(log, new DateOnly(9999, 10, 1), DateOnly.MaxValue, new KpiOptions { Period = period });
        Assert.Equal(count, report.Rows.Count);
        Assert.Equal(DateOnly.MaxValue, report.Rows[^1].PeriodEnd);
        Assert.Equal(30, report.Rows.Sum(r => r.Revenue));
    }
}
