using Clv.Lifecycle;

namespace Clv.Tests.Lifecycle;

public class CohortReportTests
{
    [Fact]
    public void Create_PlaceholderFirstPurchaseCenturyEarlier_StoresCellsOfNonEmptyCohortsOnly()
    {
        // One 1900-01-15 placeholder row before a 2024 log: 1,494 monthly cohorts, all but two empty. Every cohort used to
        // get its cells (1.1 million, about 60 MB; from 0001-01-01, 295 million cells and gigabytes); empty ones need none.
        var rows = new[]
        {
            new Transaction("old", new DateOnly(1900, 1, 15), 9), new Transaction("old", new DateOnly(2024, 2, 3), 4),
            new Transaction("a", new DateOnly(2024, 1, 10), 10), new Transaction("a", new DateOnly(2024, 3, 1), 5),
            new Transaction("b", new DateOnly(2024, 2, 20), 20),
        };
        var summaries = CustomerSummaries.FromTransactions(rows, new DateOnly(2024, 3, 31), TimeUnit.Day);
        _ = CohortReport.Create(summaries, CohortPeriod.Month);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var table = CohortReport.Create(summaries, CohortPeriod.Month);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        int cohorts = ((2024 - 1900) * 12) + 3;
        Assert.Equal(cohorts, table.CohortCount);
        Assert.True(allocated < 2_000_000, $"allocated {allocated} bytes");
        Assert.Equal(cohorts + 3 + 2, table.Rows.Count);       // the 1900 cohort's cells, then January's 3 and February's 2
        Assert.Equal(1, table.ActiveCustomers(0, cohorts - 2));  // the placeholder customer again in 2024-02
        Assert.Equal(4, table.Spend(0, cohorts - 2));
        Assert.Equal(0, table.CohortSize(1));
        Assert.Equal(cohorts - 1, table.PeriodCount(1));
        Assert.Equal(0, table.ActiveCustomers(1, 5));
        Assert.Equal(0, table.Spend(1, 5));
        Assert.True(double.IsNaN(table.RetentionShare(1, 5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Spend(1, cohorts - 1));
        Assert.Equal(1, table.CohortSize(cohorts - 3));
        Assert.Equal(0.0, table.RetentionShare(cohorts - 3, 1));
        Assert.Equal(5, table.Spend(cohorts - 3, 2));
        Assert.Equal(20, table.Spend(cohorts - 2, 0));
        Assert.Equal(1, table.PeriodCount(cohorts - 1));
        Assert.Equal(0, table.CohortSize(cohorts - 1));
    }

    [Fact]
    public void Create_HandBuiltLog_CountsActiveCustomersAndRevenuePerCell()
    {
        var d = new DateOnly(2020, 1, 15);
        var rows = new[]
        {
            new Transaction("a", d, 10), new Transaction("a", d.AddDays(1), 5), new Transaction("a", d.AddMonths(2), 7),
            new Transaction("b", d.AddDays(10), 20), new Transaction("b", d.AddMonths(1), 3),
            new Transaction("c", d.AddMonths(1), 100), new Transaction("c", d.AddMonths(1), 1),
            new Transaction("r", d, -5),
        };
        var summaries = CustomerSummaries.FromTransactions(rows, new DateOnly(2020, 4, 30), TimeUnit.Day);
        var table = CohortReport.Create(summaries, CohortPeriod.Month, new DateOnly(2020, 3, 31));

        Assert.Equal(3, table.CohortCount);
        Assert.Equal(new DateOnly(2020, 1, 1), table.CohortStart(0));
        Assert.Equal(2, table.CohortSize(0));
        Assert.Equal(3, table.PeriodCount(0));
        Assert.Equal(2, table.ActiveCustomers(0, 0));
        Assert.Equal(35, table.Spend(0, 0));
        Assert.Equal(1, table.ActiveCustomers(0, 1));
        Assert.Equal(0.5, table.RetentionShare(0, 1));
        Assert.Equal(3, table.Spend(0, 1));
        Assert.Equal(0.5, table.RetentionShare(0, 2));
        Assert.Equal(7, table.Spend(0, 2));
        Assert.Equal(1, table.CohortSize(1));
        Assert.Equal(2, table.PeriodCount(1));
        Assert.Equal(101, table.Spend(1, 0));
        Assert.Equal(0, table.CohortSize(2));
        Assert.True(double.IsNaN(table.RetentionShare(2, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Spend(1, 2));
    }

    [Fact]
    public void Create_CdnowByQuarter_OneCohortWithFullFirstQuarterRetention()
    {
        var summaries = TestData.CdnowSummaries();
        var table = CohortReport.Create(summaries, CohortPeriod.Quarter);

        Assert.Equal(6, table.CohortCount);
        Assert.Equal(new DateOnly(1997, 1, 1), table.CohortStart(0));
        Assert.Equal(2357, table.CohortSize(0));
        Assert.Equal(6, table.PeriodCount(0));
        Assert.Equal(1.0, table.RetentionShare(0, 0));
        double spend = 0;
        for (int k = 0; k < table.PeriodCount(0); k++)
        {
            spend += table.Spend(0, k);
            Assert.InRange(table.RetentionShare(0, k), 0, 1);
        }

        double expected = summaries.Sum(c => c.Spend + c.HoldoutSpend);
        Assert.Equal(expected, spend, 6);
    }

    [Fact]
    public void Create_CdnowByMonth_ThreeAcquisitionMonths()
    {
        var summaries = TestData.CdnowSummaries();
        var table = CohortReport.Create(summaries, CohortPeriod.Month);
        Assert.Equal(18, table.CohortCount);
        Assert.Equal(2357, table.CohortSize(0) + table.CohortSize(1) + table.CohortSize(2));
        Assert.Equal(0, table.CohortSize(3));
        Assert.Equal(18, table.PeriodCount(0));
        Assert.Equal(1, table.PeriodCount(17));
    }

    [Fact]
    public void Create_ThroughAfterHoldoutEnd_Throws()
    {
        var summaries = TestData.CdnowSummaries();
        Assert.Throws<ArgumentOutOfRangeException>(() => CohortReport.Create(summaries, CohortPeriod.Month, new DateOnly(1998, 7, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CohortReport.Create(summaries, (CohortPeriod)5));
    }

    [Fact]
    public void Rows_HandBuiltLog_EveryCellOfNonEmptyCohortsMatchingTheMatrix()
    {
        var report = HandBuilt();
        Assert.Equal(5, report.Rows.Count);
        Assert.Equal(new CohortRow(new DateOnly(2020, 1, 1), 1, new DateOnly(2020, 2, 1), 2, 1, 0.5, 3), report.Rows[1]);
        Assert.Equal(new CohortRow(new DateOnly(2020, 2, 1), 0, new DateOnly(2020, 2, 1), 1, 1, 1.0, 101), report.Rows[3]);
        foreach (var row in report.Rows)
        {
            int c = Enumerable.Range(0, report.CohortCount).Single(k => report.CohortStart(k) == row.CohortStart);
            Assert.Equal(report.CohortSize(c), row.CohortSize);
            Assert.Equal(report.ActiveCustomers(c, row.PeriodsSince), row.ActiveCustomers);
            Assert.Equal(report.RetentionShare(c, row.PeriodsSince), row.RetentionShare);
            Assert.Equal(report.Spend(c, row.PeriodsSince), row.Spend);
            Assert.Equal(row.CohortStart.AddMonths(row.PeriodsSince), row.PeriodStart);
        }
    }

    [Fact]
    public void ToString_HandBuiltLog_InvariantTable()
    {
        string expected =
            "Cohorts by first-purchase month through 2020-03-31: 5 cells\n" +
            "cohort      since  period      size  active  retention   spend\n" +
            "2020-01-01      0  2020-01-01     2       2      1.000   35.00\n" +
            "2020-01-01      1  2020-02-01     2       1      0.500    3.00\n" +
            "2020-01-01      2  2020-03-01     2       1      0.500    7.00\n" +
            "2020-02-01      0  2020-02-01     1       1      1.000  101.00\n" +
            "2020-02-01      1  2020-03-01     1       0      0.000    0.00\n";
        Assert.Equal(expected, Culture.Invariant(() => HandBuilt().ToString()));
    }

    private static CohortReport HandBuilt()
    {
        var d = new DateOnly(2020, 1, 15);
        var rows = new[]
        {
            new Transaction("a", d, 10), new Transaction("a", d.AddDays(1), 5), new Transaction("a", d.AddMonths(2), 7),
            new Transaction("b", d.AddDays(10), 20), new Transaction("b", d.AddMonths(1), 3),
            new Transaction("c", d.AddMonths(1), 100), new Transaction("c", d.AddMonths(1), 1),
            new Transaction("r", d, -5),
        };
        var summaries = CustomerSummaries.FromTransactions(rows, new DateOnly(2020, 4, 30), TimeUnit.Day);
        return CohortReport.Create(summaries, CohortPeriod.Month, new DateOnly(2020, 3, 31));
    }
}
