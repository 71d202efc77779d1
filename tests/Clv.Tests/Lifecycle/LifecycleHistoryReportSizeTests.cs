using Clv.Lifecycle;

namespace Clv.Tests.Lifecycle;

/// <summary>
/// A history report keeps one stage per customer and date in one array: 60,000 customers at every day of a century are
/// 2.19 billion stages, past the largest array, and the allocation failed with "Arithmetic operation resulted in an
/// overflow" (an OverflowException naming nothing). It is now refused before any work, saying how many and what to do.
/// </summary>
public class LifecycleHistoryReportSizeTests
{
    [Fact]
    public void Create_MoreStagesThanOneArrayHolds_RefusedNamingTheCounts()
    {
        var first = new DateOnly(1925, 1, 1);
        var end = new DateOnly(2025, 1, 1);
        var rows = new Transaction[60_000];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new Transaction("c" + i, first.AddDays(i % 36_000), 10);
        }

        var customers = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Week);
        var days = new DateOnly[end.DayNumber - first.DayNumber + 1];
        for (int j = 0; j < days.Length; j++)
        {
            days[j] = first.AddDays(j);
        }

        var e = Assert.Throws<ArgumentException>(() => LifecycleHistoryReport.Create(LifecyclePolicy.RelativeToGap(3, 6), customers, days));
        Assert.Equal("dates", e.ParamName);
        Assert.StartsWith("60,000 customers at 36,526 dates are 2,191,560,000 stages, more than one report holds (2,147,483,591)", e.Message, StringComparison.Ordinal);
    }
}
