using Clv.Crm;
using Clv.Csv;
using Clv.Lifecycle;
using Clv.Tests.Lifecycle;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Crm;

/// <summary>The scorecard's laws on seeded random logs (purchases and refunds, leads included).</summary>
public class ScorecardPropertyTests
{
    private static CustomerSummaries Summaries(int seed) => Log.Summaries(400, Log.Random(seed, customers: 20, maxRows: 90));

    /// <summary>Default options, without RFM when no customer has a purchase (RFM quantiles need one).</summary>
    private static ScorecardOptions Options(CustomerSummaries customers) =>
        customers.Any(c => c.HasPurchase) ? ScorecardOptions.Default : new ScorecardOptions { Rfm = null, Segments = null, ValueTiers = null };

    [Property(MaxTest = 150)]
    public Property Create_OneRowPerCustomer_InTheSummariesOrder_WithTheirIds(int seed)
    {
        var customers = Summaries(seed);
        var card = Scorecard.Create(customers, Options(customers));
        bool ok = card.Rows.Count == customers.Count
            && card.Rows.Select(r => r.CustomerId).SequenceEqual(customers.Select(c => c.CustomerId))
            && card.Rows.All(r => r.Stage is { } s && s != LifecycleStage.NotYetAcquired && r.HealthBand is not null && r.Abc is not null)
            && card.Rows.All(r => r.ChurnWarning is null || r.Stage!.Value.IsQuiet());
        return ok.Label($"{customers.Count} customers, {card.Rows.Count} rows");
    }

    [Property(MaxTest = 100)]
    public Property Csv_OneLinePerRow_HeaderIsTheColumns_AndNumbersRoundTrip(int seed)
    {
        var customers = Summaries(seed);
        var card = Scorecard.Create(customers, Options(customers));
        var writer = new StringWriter();
        ScorecardCsv.Write(writer, card);
        var lines = writer.ToString().Split("\r\n");
        bool header = lines[0] == string.Join(",", card.Columns.Select(c => c.Name));
        bool count = lines.Length == card.Rows.Count + 2 && lines[^1].Length == 0;
        int hv = card.Columns.Select(c => c.Name).ToList().IndexOf("historical_value");
        bool numbers = card.Rows.Select((r, i) => double.Parse(Csv.ScorecardCsvTests.Fields(lines[i + 1])[hv], System.Globalization.CultureInfo.InvariantCulture) == r.HistoricalValue).All(b => b);
        return (header && count && numbers).Label($"header {header}, count {count}, numbers {numbers}");
    }
}
