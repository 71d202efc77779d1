using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

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

    /// <summary>Logs of a few customers over days from 1900 to 2010 (a placeholder cluster and ordinary dates), with refunds, in any order.</summary>
    private static readonly Arbitrary<Transaction[]> Logs =
        (from n in Gen.Choose(1, 12)
         from rows in (from customer in Gen.Elements("a", "b", "c", "d")
                       from day in Gen.OneOf(Gen.Elements(new DateOnly(1900, 1, 1), new DateOnly(1970, 1, 1)), Gen.Choose(0, 6_000).Select(d => new DateOnly(1995, 1, 1).AddDays(d)))
                       from amount in Gen.Elements(10.0, 3.5, -2.0)
                       select new Transaction(customer, day, amount)).ArrayOf(n)
         select rows).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Warnings_EarlyDate_AsABruteForceOverTheRowsSaysWholeOrMerged() =>
        Prop.ForAll(Logs, log =>
        {
            var end = new DateOnly(2011, 6, 30);

            // By hand: each customer's dates are its purchase days and its first row's day.
            var dates = log.GroupBy(t => t.CustomerId).Select(g => (First: g.Min(t => t.Date), Days: g.Where(t => t.Amount > 0).Select(t => t.Date).Append(g.Min(t => t.Date)).ToArray())).ToArray();
            var earliest = dates.Min(c => c.First);
            var later = dates.SelectMany(c => c.Days).Where(d => d > earliest).ToArray();
            int customers = dates.Count(c => c.First == earliest);
            string? expected = later.Length > 0 && later.Min() <= end && later.Min().DayNumber - earliest.DayNumber > 3_653
                ? $"The earliest transaction ({earliest:yyyy-MM-dd}, the first row of {customers} customer{(customers == 1 ? "" : "s")}) is {later.Min().DayNumber - earliest.DayNumber:N0} days before the next date in the log ({later.Min():yyyy-MM-dd})."
                : null;

            var whole = CustomerSummaries.FromTransactions(log, end, TimeUnit.Week);
            var merged = log.Length < 2 ? whole : CustomerSummaries.Merge(
                CustomerSummaries.FromTransactions(log.AsSpan(0, log.Length / 2), end, TimeUnit.Week),
                CustomerSummaries.FromTransactions(log.AsSpan(log.Length / 2), end, TimeUnit.Week));
            string? Said(CustomerSummaries s) => s.Warnings.FirstOrDefault(w => w.StartsWith("The earliest", StringComparison.Ordinal));
            return (expected is null ? Said(whole) is null : Said(whole)?.StartsWith(expected, StringComparison.Ordinal) == true)
                .Label($"whole: {Said(whole)} expected {expected}")
                .And(Said(merged) == Said(whole)).Label($"merged: {Said(merged)}");
        });
}
