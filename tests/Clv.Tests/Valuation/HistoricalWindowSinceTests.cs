using Clv.Crm;
using Clv.Valuation;

namespace Clv.Tests.Valuation;

/// <summary>
/// A <see cref="HistoricalWindow.Since"/> window that starts after the summaries' observation end holds no purchase day: every
/// customer's historical value came back 0 (less the costs) without a word. It is now an
/// <see cref="ArgumentOutOfRangeException"/> naming the option and both dates, wherever the window is used.
/// </summary>
public class HistoricalWindowSinceTests
{
    private static readonly DateOnly End = new(2024, 12, 31);

    private static CustomerSummaries Customers() => CustomerSummaries.FromTransactions(
        [new("a", new DateOnly(2024, 10, 1), 20), new("a", End, 30), new("b", new DateOnly(2024, 1, 1), 500)], End, TimeUnit.Month);

    private static HistoricalValueOptions After => new() { Window = HistoricalWindow.Since(End.AddDays(1)) };

    private static void NamesBothDates(ArgumentOutOfRangeException ex, string option)
    {
        Assert.Equal(option, ex.ParamName);
        Assert.Equal(End.AddDays(1), ex.ActualValue);
        Assert.Contains("HistoricalWindow.Since(2025-01-01), which starts after the observation end 2024-12-31", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_SinceAfterTheObservationEnd_ThrowsNamingTheOptionAndBothDates()
    {
        var customers = Customers();
        NamesBothDates(Assert.Throws<ArgumentOutOfRangeException>(() => HistoricalValue.Compute(customers, After)), "options.Window");
        NamesBothDates(Assert.Throws<ArgumentOutOfRangeException>(() => HistoricalValue.ForCustomer(customers, 0, After)), "options.Window");
        NamesBothDates(Assert.Throws<ArgumentOutOfRangeException>(() => HistoricalValue.Compute(customers, After, new double[customers.Count])), "options.Window");
    }

    [Fact]
    public void ScorecardCreate_SinceAfterTheObservationEnd_ThrowsNamingTheNestedOption()
    {
        var options = new ScorecardOptions
        {
            Rfm = null,
            Segments = null,
            ValueTiers = null,
            Lifecycle = null,
            ChurnWarningDays = null,
            Abc = null,
            Health = null,
            HistoricalValue = After,
        };
        NamesBothDates(Assert.Throws<ArgumentOutOfRangeException>(() => Scorecard.Create(Customers(), options)), "options.HistoricalValue.Window");
    }

    [Fact]
    public void Compute_SinceTheObservationEndItself_CountsThatDay()
    {
        var values = HistoricalValue.Compute(Customers(), new HistoricalValueOptions { Window = HistoricalWindow.Since(End) });
        Assert.Equal([30.0, 0.0], values);
    }
}
