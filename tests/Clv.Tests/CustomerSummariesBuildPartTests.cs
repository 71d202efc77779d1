namespace Clv.Tests;

/// <summary>Parts of a log built one by one and merged: a part may hold no calibration row at all.</summary>
public class CustomerSummariesBuildPartTests
{
    [Fact]
    public void BuildPart_LogSplitByMonthWithHoldoutMonths_MergesToTheWholeLog()
    {
        // One part per month file, the observation end in the middle: the months after it have no calibration row.
        var rows = TestData.CdnowSample();
        var whole = CustomerSummaries.FromTransactions(rows, TestData.CdnowCalibrationEnd, TimeUnit.Week);
        CustomerSummaries? merged = null;
        foreach (var month in rows.GroupBy(t => (t.Date.Year * 12) + t.Date.Month).OrderBy(g => g.Key))
        {
            var builder = new CustomerSummariesBuilder(TestData.CdnowCalibrationEnd, TimeUnit.Week);
            builder.Add(month.ToArray());
            var part = builder.BuildPart();
            merged = merged is null ? part : CustomerSummaries.Merge(merged, part);
        }

        Assert.NotNull(merged);
        Assert.Equal(whole.OrderBy(s => s.CustomerId, StringComparer.Ordinal), merged.OrderBy(s => s.CustomerId, StringComparer.Ordinal));
        Assert.Equal(whole.TransactionCount, merged.TransactionCount);
        Assert.Equal(whole.CalibrationTransactionCount, merged.CalibrationTransactionCount);
        Assert.Equal(whole.HoldoutTransactionCount, merged.HoldoutTransactionCount);
        Assert.Equal(whole.HoldoutOnlyCustomerCount, merged.HoldoutOnlyCustomerCount);
    }

    [Fact]
    public void BuildPart_OnlyRowsAfterTheEnd_NoCustomerWhereBuildRefuses()
    {
        var end = new DateOnly(2024, 6, 30);
        var part = new CustomerSummariesBuilder(end, TimeUnit.Week);
        part.Add([new Transaction("late", new DateOnly(2024, 8, 1), 10)]);
        var summaries = part.BuildPart();
        Assert.Empty(summaries);
        Assert.Equal(1, summaries.HoldoutTransactionCount);
        Assert.Equal(1, summaries.HoldoutOnlyCustomerCount);
        Assert.Throws<InvalidOperationException>(part.Build);

        var whole = new CustomerSummariesBuilder(end, TimeUnit.Week);
        whole.Add([new Transaction("late", new DateOnly(2024, 8, 1), 10)]);
        Assert.Throws<ArgumentException>(whole.Build);
    }
}
