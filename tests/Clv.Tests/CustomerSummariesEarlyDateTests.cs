namespace Clv.Tests;

/// <summary>
/// A placeholder date far before the rest of the log (1900-01-01 for a missing date in a CRM export) is said in the
/// summaries' warnings: it stretches its customers' age over a century and every model fitted to them.
/// </summary>
public class CustomerSummariesEarlyDateTests
{
    private static readonly DateOnly End = new(2010, 6, 30);

    private static readonly Transaction[] Log =
    [
        new("a", new DateOnly(2010, 1, 5), 10), new("b", new DateOnly(2010, 2, 1), 5),
        new("a", new DateOnly(2010, 6, 20), 7), new("c", new DateOnly(2010, 3, 1), -2),
    ];

    [Theory]
    [InlineData(3_653, false)]
    [InlineData(3_654, true)]
    public void FromTransactionsAndBuild_FirstRowTenYearsBeforeTheNextDate_WarnNamingBothDates(int daysBefore, bool warns)
    {
        var placeholder = new DateOnly(2010, 1, 5).AddDays(-daysBefore);
        Transaction[] log = [new("a", placeholder, 1), new("d", placeholder, 3), .. Log];

        var summaries = CustomerSummaries.FromTransactions(log, End, TimeUnit.Week);
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Week);
        builder.Add(log);

        Assert.Equal(warns, summaries.Warnings.Count == 1);
        Assert.Equal(summaries.Warnings, builder.Build().Warnings);
        if (warns)
        {
            Assert.Equal(
                $"The earliest transaction ({placeholder:yyyy-MM-dd}, the first row of 2 customers) is 3,654 days before the next date in the log (2010-01-05). A date that far off is usually a placeholder or a typo: it stretches those customers' age and recency over the gap, and every model fitted to them. Correct or remove those rows.",
                summaries.Warnings[0]);
        }
    }

    [Fact]
    public void FromTransactions_A1900PlaceholderOnOneCustomersOnlyRow_WarnsWithTheOtherWarning()
    {
        // One customer's only row is a placeholder, and the observation end is 40 days after the data: both are said.
        Transaction[] log = [.. Log, new("p", new DateOnly(1900, 1, 1), 1)];

        var summaries = CustomerSummaries.FromTransactions(log, End.AddDays(40), TimeUnit.Day);

        Assert.Equal(2, summaries.Warnings.Count);
        Assert.StartsWith("The earliest transaction (1900-01-01, the first row of 1 customer) is 40,181 days before the next date in the log (2010-01-05).", summaries.Warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("The observation end (2010-08-09) is 50 days after the last transaction", summaries.Warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void FromTransactions_EarliestRowARefundFarBeforeTheRest_Warns()
    {
        // A refund dated by placeholder is the customer's first row (not a purchase day): it is a date of the log all the same.
        Transaction[] log = [.. Log, new("c", new DateOnly(1970, 1, 1), -1)];

        var warning = Assert.Single(CustomerSummaries.FromTransactions(log, End, TimeUnit.Week).Warnings);

        Assert.StartsWith("The earliest transaction (1970-01-01, the first row of 1 customer) is 14,614 days before the next date in the log (2010-01-05).", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void FromTransactionsAndMerge_GapOnlyAcrossParts_WarnOnTheMergedSummaries()
    {
        // Each part alone has no gap: the placeholder part has one date only. Merged, the gap is there.
        Transaction[] placeholder = [new("a", new DateOnly(1900, 1, 1), 1)];
        var early = CustomerSummaries.FromTransactions(placeholder, End, TimeUnit.Week);
        var late = CustomerSummaries.FromTransactions(Log, End, TimeUnit.Week);

        var merged = CustomerSummaries.Merge(early, late);

        Assert.DoesNotContain(early.Warnings, w => w.StartsWith("The earliest", StringComparison.Ordinal));
        Assert.Empty(late.Warnings);
        Assert.StartsWith("The earliest transaction (1900-01-01, the first row of 1 customer)", Assert.Single(merged.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void FromTransactions_GapOnlyAfterTheObservationEnd_NoEarlyDateWarning()
    {
        // The only calibration date is 2010-01-04; the next row is a holdout row ten years on: no calibration age spans it.
        Transaction[] log = [new("x", new DateOnly(2010, 1, 4), 1), new("y", new DateOnly(2020, 6, 30), 1)];

        var summaries = CustomerSummaries.FromTransactions(log, End, TimeUnit.Week, new DateOnly(2020, 12, 31));

        Assert.Empty(summaries.Warnings);
    }
}
