namespace Clv.Tests;

/// <summary>
/// The README's code, compiled. Each region between <c>// &lt;readme:NAME&gt;</c> markers appears verbatim in
/// README.md (after <see cref="ToReadme"/>), checked by <see cref="ReadmeTests"/>.
/// </summary>
internal static class ReadmeExamples
{
    /// <summary>Maps the few test-only names to what the README shows (file paths).</summary>
    public static string ToReadme(string code) => code;

    public static CustomerSummary Summaries()
    {
        // <readme:summaries>
        Transaction[] rows =
        [
            new("alice", new DateOnly(2024, 1, 3), 40.0),
            new("alice", new DateOnly(2024, 1, 3), 10.0),   // same day: merged into one purchase day of 50
            new("alice", new DateOnly(2024, 2, 14), 25.0),
            new("bob", new DateOnly(2024, 2, 1), 80.0),
            new("bob", new DateOnly(2024, 2, 9), -20.0),    // a refund
            new("alice", new DateOnly(2024, 4, 2), 30.0),   // after the observation end: holdout
        ];
        CustomerSummaries customers = CustomerSummaries.FromTransactions(rows, observationEnd: new DateOnly(2024, 3, 31), TimeUnit.Week);
        CustomerSummary alice = customers[0];   // Frequency 1, Recency 6 weeks, Age 12.57 weeks, MonetaryValue 25
        // </readme:summaries>
        return alice;
    }
}
