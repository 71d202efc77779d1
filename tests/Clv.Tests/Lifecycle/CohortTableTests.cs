using Clv.Lifecycle;

namespace Clv.Tests.Lifecycle;

public class CohortTableTests
{
    [Fact]
    public void Build_HandBuiltLog_CountsActiveCustomersAndRevenuePerCell()
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
        var table = CohortTable.Build(summaries, CohortPeriod.Month, new DateOnly(2020, 3, 31));

        Assert.Equal(3, table.CohortCount);
        Assert.Equal(new DateOnly(2020, 1, 1), table.CohortStart(0));
        Assert.Equal(2, table.CohortSize(0));
        Assert.Equal(3, table.PeriodCount(0));
        Assert.Equal(2, table.ActiveCustomers(0, 0));
        Assert.Equal(35, table.Revenue(0, 0));
        Assert.Equal(1, table.ActiveCustomers(0, 1));
        Assert.Equal(0.5, table.RetentionShare(0, 1));
        Assert.Equal(3, table.Revenue(0, 1));
        Assert.Equal(0.5, table.RetentionShare(0, 2));
        Assert.Equal(7, table.Revenue(0, 2));
        Assert.Equal(1, table.CohortSize(1));
        Assert.Equal(2, table.PeriodCount(1));
        Assert.Equal(101, table.Revenue(1, 0));
        Assert.Equal(0, table.CohortSize(2));
        Assert.True(double.IsNaN(table.RetentionShare(2, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Revenue(1, 2));
    }

    [Fact]
    public void Build_CdnowByQuarter_OneCohortWithFullFirstQuarterRetention()
    {
        var summaries = TestData.CdnowSummaries();
        var table = CohortTable.Build(summaries, CohortPeriod.Quarter);

        Assert.Equal(6, table.CohortCount);
        Assert.Equal(new DateOnly(1997, 1, 1), table.CohortStart(0));
        Assert.Equal(2357, table.CohortSize(0));
        Assert.Equal(6, table.PeriodCount(0));
        Assert.Equal(1.0, table.RetentionShare(0, 0));
        double revenue = 0;
        for (int k = 0; k < table.PeriodCount(0); k++)
        {
            revenue += table.Revenue(0, k);
            Assert.InRange(table.RetentionShare(0, k), 0, 1);
        }

        double expected = summaries.Sum(c => c.TotalSpend + c.HoldoutSpend);
        Assert.Equal(expected, revenue, 6);
    }

    [Fact]
    public void Build_CdnowByMonth_ThreeAcquisitionMonths()
    {
        var summaries = TestData.CdnowSummaries();
        var table = CohortTable.Build(summaries, CohortPeriod.Month);
        Assert.Equal(18, table.CohortCount);
        Assert.Equal(2357, table.CohortSize(0) + table.CohortSize(1) + table.CohortSize(2));
        Assert.Equal(0, table.CohortSize(3));
        Assert.Equal(18, table.PeriodCount(0));
        Assert.Equal(1, table.PeriodCount(17));
    }

    [Fact]
    public void Build_ThroughAfterHoldoutEnd_Throws()
    {
        var summaries = TestData.CdnowSummaries();
        Assert.Throws<ArgumentOutOfRangeException>(() => CohortTable.Build(summaries, CohortPeriod.Month, new DateOnly(1998, 7, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => CohortTable.Build(summaries, (CohortPeriod)5));
    }
}
