using Clv.Crm;

namespace Clv.Tests;

/// <content>The README's CRM examples run, with the values the README states.</content>
public partial class ReadmeTests
{
    [Fact]
    public void Health_Example_GivesTheStatedBands()
    {
        string path = TempFile("health.csv");
        var (health, byBand, signals) = ReadmeExamples.Health(Cdnow.Value, BgNbdRun.Value.Fit.Model, path);
        Assert.Equal(Cdnow.Value.Count + 1, File.ReadAllLines(path).Length);
        Log(byBand.ToString());
        Assert.Equal(Cdnow.Value.Count, health.Length);
        Assert.Equal(["recency", "frequency_trend", "spend_trend", "alive_probability", "tickets"], signals.Names);
        Assert.Equal([499, 1625, 233, 0], byBand.Rows.Select(r => r.Customers));
        Assert.Equal(1, signals.Weights.Sum(), 12);
        Assert.Equal(0.2 / 1.2, signals.Weights[4], 12);   // the README: weights renormalised over the signals supplied
    }

    [Fact]
    public void Kpi_Example_GivesTheStatedValues()
    {
        string path = TempFile("kpis.csv");
        var (kpis, april) = ReadmeExamples.Kpis(Orders.Value, path);
        Log(kpis.ToString());
        Log(april.ToString());
        Assert.Equal(18, kpis.Rows.Count);
        Assert.Equal((new DateOnly(1997, 4, 1), 267, 2357, 2357, 560), (april.PeriodStart, april.PayingCustomers, april.CustomerBase, april.ActiveAtStart, april.Churned));
        Near(5.45, april.Arpu, 2);
        Near(48.10, april.Arppu, 2);
        Near(36.59, april.AverageOrderValue, 2);
        Near(0.238, april.ChurnRate, 3);
        Assert.StartsWith("period_start,period_end,customer_base,", File.ReadAllText(path), StringComparison.Ordinal);
        Assert.True(File.Exists(path));
    }
}
