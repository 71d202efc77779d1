namespace Clv.Tests;

/// <summary>An observation end outside the data is said at build time (issue 12, section 5).</summary>
public class CustomerSummariesObservationEndTests
{
    private static readonly Transaction[] Log =
    [
        new("a", new DateOnly(2010, 1, 5), 10), new("b", new DateOnly(2010, 2, 1), 5),
        new("a", new DateOnly(2010, 6, 30), 7), new("c", new DateOnly(2010, 3, 1), -2),
    ];

    [Fact]
    public void FromTransactionsAndBuild_EndBeforeEveryRow_ThrowNamingTheDataRange()
    {
        var end = new DateOnly(2009, 12, 31);

        var e = Assert.Throws<ArgumentException>(() => CustomerSummaries.FromTransactions(Log, end, TimeUnit.Week));
        var builder = new CustomerSummariesBuilder(end, TimeUnit.Week);
        builder.Add(Log);
        var b = Assert.Throws<ArgumentException>(() => builder.Build());

        Assert.Equal("observationEnd", e.ParamName);
        Assert.Contains("observation end (2009-12-31): the log's 4 rows run from 2010-01-05 to 2010-06-30.", e.Message, StringComparison.Ordinal);
        Assert.Equal(e.Message, b.Message);
        Assert.Equal("observationEnd", b.ParamName);
    }

    [Fact]
    public void FromTransactionsAndBuild_EveryRowAfterAnExplicitHoldoutEnd_ThrowNamingTheDataRange()
    {
        var end = new DateOnly(2009, 6, 30);
        var holdoutEnd = new DateOnly(2009, 12, 31);

        var e = Assert.Throws<ArgumentException>(() => CustomerSummaries.FromTransactions(Log, end, TimeUnit.Day, holdoutEnd));
        var builder = new CustomerSummariesBuilder(end, TimeUnit.Day, holdoutEnd);
        foreach (var t in Log)
        {
            builder.Add(t.CustomerId, t.Date, t.Amount);
        }

        Assert.Contains("run from 2010-01-05 to 2010-06-30", e.Message, StringComparison.Ordinal);
        Assert.Equal(e.Message, Assert.Throws<ArgumentException>(() => builder.Build()).Message);
    }

    [Fact]
    public void Build_ThrowsForTheEnd_CanBeRepeatedAfterAddingEarlierRows()
    {
        var builder = new CustomerSummariesBuilder(new DateOnly(2010, 1, 31), TimeUnit.Day);
        builder.Add("late", new DateOnly(2010, 3, 1), 1);
        Assert.Throws<ArgumentException>(() => builder.Build());

        builder.Add("early", new DateOnly(2010, 1, 2), 1);

        Assert.Equal(["early"], builder.Build().Select(s => s.CustomerId));
    }

    [Fact]
    public void FromTransactionsAndBuild_EmptyLog_EmptySummariesWithoutWarnings()
    {
        var end = new DateOnly(2030, 1, 1);

        var fromLog = CustomerSummaries.FromTransactions([], end, TimeUnit.Week);
        var built = new CustomerSummariesBuilder(end, TimeUnit.Week).Build();

        Assert.Equal((0, 0L), (fromLog.Count, fromLog.TransactionCount));
        Assert.Empty(fromLog.Warnings);
        Assert.Empty(built);
        Assert.Empty(built.Warnings);
    }

    [Fact]
    public void FromTransactionsAndBuild_EndLongAfterTheLastRow_WarningNamesEndLastDateAndGap()
    {
        var end = new DateOnly(2030, 1, 1);
        var builder = new CustomerSummariesBuilder(end, TimeUnit.Week);
        builder.Add(Log);

        var summaries = CustomerSummaries.FromTransactions(Log, end, TimeUnit.Week);

        string warning = Assert.Single(summaries.Warnings);
        Assert.Contains("The observation end (2030-01-01) is 7,125 days after the last transaction (2010-06-30)", warning, StringComparison.Ordinal);
        Assert.Equal(summaries.Warnings, builder.Build().Warnings);
        Assert.Equal(3, summaries.Count);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(30, false)]
    [InlineData(31, true)]
    public void FromTransactions_EndDaysAfterTheLastRow_WarnsOnlyPast30Days(int daysAfter, bool warns)
    {
        var summaries = CustomerSummaries.FromTransactions(Log, new DateOnly(2010, 6, 30).AddDays(daysAfter), TimeUnit.Day);

        Assert.Equal(warns, summaries.Warnings.Count == 1);
    }

    [Fact]
    public void FromTransactions_LaterRowsExcludedByTheHoldoutEnd_NoWarning()
    {
        var summaries = CustomerSummaries.FromTransactions(Log, new DateOnly(2010, 2, 1), TimeUnit.Day, new DateOnly(2010, 2, 1));

        Assert.Empty(summaries.Warnings);
        Assert.Equal(2, summaries.ExcludedTransactionCount);
    }

    [Fact]
    public void Merge_PartsEndingBeforeTheEndBy40Days_WarnsAboutTheMergedLastDate()
    {
        var end = new DateOnly(2010, 8, 9);
        var early = CustomerSummaries.FromTransactions(Log.AsSpan(0, 2), end, TimeUnit.Day);
        var late = CustomerSummaries.FromTransactions(Log.AsSpan(2), end, TimeUnit.Day);

        var merged = CustomerSummaries.Merge(early, late);

        Assert.Contains("40 days after the last transaction (2010-06-30)", Assert.Single(merged.Warnings), StringComparison.Ordinal);
        Assert.Contains("(2010-02-01)", Assert.Single(early.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3_653, false)]
    [InlineData(3_654, true)]
    public void FromTransactions_LastRowTenYearsAfterTheEndWithoutHoldoutEnd_WarnsNamingIt(int daysAfter, bool warns)
    {
        var end = new DateOnly(2010, 6, 30);
        Transaction[] log = [.. Log, new("far", end.AddDays(daysAfter), 1)];
        var summaries = CustomerSummaries.FromTransactions(log, end, TimeUnit.Week);
        Assert.Equal(warns, summaries.Warnings.Count == 1);
        if (warns)
        {
            Assert.StartsWith($"The last transaction ({end.AddDays(daysAfter):yyyy-MM-dd}) is 3,654 days after the observation end (2010-06-30) and no holdout end was given", summaries.Warnings[0], StringComparison.Ordinal);
        }

        // With a holdout end the far row is left out and counted: no warning.
        Assert.Empty(CustomerSummaries.FromTransactions(log, end, TimeUnit.Week, end.AddDays(30)).Warnings);
    }
}
