using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Customers who all buy at one rate and never drop out (a log whose rows fall on random customers and days): the Pareto/NBD
/// likelihood rises towards r, α → ∞ and no dropout. The fit used to creep for 200 iterations from each of its five starts and
/// throw; it now reports the limit, as BG/NBD does, with the rate the data determine.
/// </summary>
public class ParetoNbdOneRateFitTests
{
    private const int Customers = 5_000;
    private const int Rows = 25_000;
    private const int Days = 365;

    [Fact]
    public void Fit_EveryoneBuysAtOneRateAndStays_ReportsTheLimitWithTheObservedRate()
    {
        var histories = OneRateLog();

        var fit = ParetoNbdModel.Fit(histories, TimeUnit.Week, null);

        Assert.Matches("^(Boundary|Ridge): ", fit.StatusMessage);
        Assert.NotEqual(FitStatus.Converged, fit.Status);

        // Purchases per week of exposure, the one rate: r/α estimates it.
        double rate = histories.Sum(h => (double)h.Frequency) / histories.Sum(h => h.Age);
        Assert.Equal(rate, fit.Model.R / fit.Model.Alpha, rate * 0.03);

        // Nobody drops out: every customer is alive and keeps buying at that rate.
        var typical = histories[0];
        Assert.InRange(fit.Model.ProbabilityAlive(typical.Frequency, typical.Recency, typical.Age), 0.99, 1);
        Assert.Equal(52 * rate, fit.Model.ConditionalExpectedPurchases(typical.Frequency, typical.Recency, typical.Age, 52), 52 * rate * 0.05);
    }

    /// <summary>Rows on uniformly random customers and days; one purchase per customer and day; ages and recencies in weeks.</summary>
    private static PurchaseHistory[] OneRateLog()
    {
        var random = new Random(7);
        var days = new SortedSet<int>?[Customers];
        for (int i = 0; i < Rows; i++)
        {
            (days[random.Next(Customers)] ??= []).Add(random.Next(Days));
        }

        return [.. days.OfType<SortedSet<int>>().Select(d => new PurchaseHistory(d.Count - 1, (d.Max - d.Min) / 7.0, (Days - d.Min) / 7.0))];
    }
}
