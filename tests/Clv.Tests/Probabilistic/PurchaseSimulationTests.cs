using Clv.Internal;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The seeded simulation shared by the repeat-purchase models (<c>PurchaseSimulation</c>), read directly: which ages and
/// first purchases it refuses, and how a simulated log lines up, purchase by purchase, with the history the same seed draws.
/// </summary>
public class PurchaseSimulationTests
{
    private static readonly GammaGammaModel Spend = new(6.25, 3.74, 15.44);

    public static TheoryData<double> BadAges => new() { -1, -1e-300, double.NaN, double.PositiveInfinity, double.NegativeInfinity };

    public static TheoryData<TimeUnit> Units => new() { TimeUnit.Day, TimeUnit.Week, TimeUnit.Month };

    [Theory]
    [MemberData(nameof(BadAges))]
    public void Simulate_BadAge_NamesItsIndexAndValue(double age)
    {
        var model = new BgNbdModel(0.5, 2, 0.8, 2.4, TimeUnit.Week);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.Simulate([3.0, 0.0, age], seed: 1));
        Assert.Equal("ages", e.ParamName);
        Assert.StartsWith(Guard.Format($"ages[2] must be a finite number of at least 0, but was {age}."), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_AgeZero_NoPurchasesAndWeightOne()
    {
        var model = new BgNbdModel(5, 0.1, 0.8, 2.4, TimeUnit.Week);
        var histories = model.Simulate([0.0, -0.0, 0.0], seed: 3);
        Assert.All(histories, h => Assert.Equal(new PurchaseHistory(0, 0, 0, 1), h));
    }

    [Fact]
    public void Simulate_EachAgeKeptInOrder_SeedRepeats()
    {
        var model = new ParetoNbdModel(2, 3, 0.5, 10, TimeUnit.Week);
        double[] ages = [.. Enumerable.Range(0, 200).Select(i => 1 + (i % 37) * 0.75)];
        var first = model.Simulate(ages, seed: 11);
        Assert.Equal(first, model.Simulate(ages, seed: 11));
        Assert.NotEqual(first, model.Simulate(ages, seed: 12));
        Assert.Equal(ages.Length, first.Length);
        for (int i = 0; i < ages.Length; i++)
        {
            var h = first[i];
            Assert.Equal(ages[i], h.Age);
            Assert.Equal(1, h.Weight);
            Assert.InRange(h.Recency, 0, h.Age);
            Assert.Equal(h.Frequency == 0, h.Recency == 0);
        }

        Assert.Contains(first, h => h.Frequency > 1);
    }

    [Theory]
    [MemberData(nameof(Units))]
    public void SimulateTransactions_OneCustomer_MatchesTheHistoryTheSameSeedDraws(TimeUnit unit)
    {
        // One customer: the log draws the purchase times exactly as Simulate draws the history for the same age (days / unit
        // length), so the log has x + 1 rows (the first purchase and x repeats) and its last day is the floored recency.
        var model = new BgNbdModel(3, 1.5 * unit.FromDays(7), 0.3, 6, unit);
        var first = new DateOnly(2024, 3, 10);
        var end = new DateOnly(2024, 6, 30);
        int days = end.DayNumber - first.DayNumber + 1;
        int repeats = 0;
        for (int seed = 0; seed < 40; seed++)
        {
            var history = model.Simulate([days / unit.LengthInDays()], seed)[0];
            var log = model.SimulateTransactions([first], end, Spend, seed);
            Assert.Equal(history.Frequency + 1, log.Length);
            Assert.Equal(first, log[0].Date);
            Assert.Equal(first.AddDays((int)Math.Floor(history.Recency * unit.LengthInDays())), log[^1].Date);
            Assert.All(log, t => Assert.Equal("S0000000", t.CustomerId));
            repeats += history.Frequency;
        }

        Assert.True(repeats > 40, $"only {repeats} repeat purchases in 40 seeds: the check above saw too few.");
    }

    [Fact]
    public void SimulateTransactions_Customers_NamedInOrder_DatesBetweenFirstAndEnd()
    {
        var model = new BgNbdModel(4, 1, 0.2, 8, TimeUnit.Week);
        var end = new DateOnly(2024, 1, 31);
        DateOnly[] firsts = [new(2024, 1, 1), end, new(2023, 11, 5), new(2024, 1, 30)];
        var log = model.SimulateTransactions(firsts, end, Spend, seed: 5);
        Assert.Equal(log, model.SimulateTransactions(firsts, end, Spend, seed: 5));

        var byCustomer = log.GroupBy(t => t.CustomerId).ToArray();
        Assert.Equal(["S0000000", "S0000001", "S0000002", "S0000003"], byCustomer.Select(g => g.Key));
        Assert.Equal(log.Select(t => t.CustomerId).Order(StringComparer.Ordinal), log.Select(t => t.CustomerId));
        for (int i = 0; i < firsts.Length; i++)
        {
            var rows = byCustomer[i].ToArray();
            Assert.Equal(firsts[i], rows[0].Date);
            Assert.Equal(rows.Select(t => t.Date).Order(), rows.Select(t => t.Date));
            Assert.All(rows, t => Assert.InRange(t.Date, firsts[i], end));
            Assert.All(rows, t => Assert.True(t.Amount > 0 && double.IsFinite(t.Amount), $"amount {t.Amount}"));
        }

        // A customer whose first purchase is the end day has every purchase on that day.
        Assert.All(byCustomer[1], t => Assert.Equal(end, t.Date));
        Assert.True(byCustomer[2].Count() > 1, "the customer first seen 88 days before the end bought again");
    }

    [Fact]
    public void SimulateTransactions_FirstPurchaseAfterEnd_NamesItsIndexAndDates()
    {
        var model = new BgNbdModel(0.5, 2, 0.8, 2.4, TimeUnit.Week);
        var end = new DateOnly(1997, 2, 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(
            () => model.SimulateTransactions([end, new DateOnly(1997, 2, 2)], end, Spend, seed: 1));
        Assert.Equal("firstPurchases", e.ParamName);
        Assert.StartsWith("firstPurchases[1] (1997-02-02) is after the end (1997-02-01).", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TimeUnit.Day)]
    [InlineData(TimeUnit.Week)]
    [InlineData(TimeUnit.Month)]
    public void Transactions_ADrawAtTheVeryEndOfTheAge_DatedOnTheEndDay(TimeUnit unit)
    {
        // A draw may return a time equal to the age (or one that rounds up to it in days): that purchase is on the end day, never after.
        var first = new DateOnly(1997, 1, 1);
        var end = new DateOnly(1997, 3, 31);
        var log = PurchaseSimulation.Transactions([first], end, Spend, seed: 3, unit, (age, _, times) =>
        {
            times?.AddRange([0, age, Math.BitIncrement(age)]);
            return new PurchaseHistory(2, age, age);
        });

        Assert.Equal([first, end, end], log.Select(t => t.Date));
        Assert.All(log, t => Assert.Equal("S0000000", t.CustomerId));
    }

    [Fact]
    public void SimulateTransactions_NullSpend_Refused()
    {
        var model = new BgNbdModel(0.5, 2, 0.8, 2.4, TimeUnit.Week);
        var e = Assert.Throws<ArgumentNullException>(() => model.SimulateTransactions([new DateOnly(1997, 1, 1)], new DateOnly(1997, 2, 1), null!, seed: 1));
        Assert.Equal("spend", e.ParamName);
    }

    [Fact]
    public void SimulateTransactions_AmountsFollowTheSpendModel()
    {
        // Gamma-Gamma: E[amount] = p v / (q - 1) across customers; 4,000 customers with several purchases each put the mean
        // of all amounts within a few percent of it (6.25 * 15.44 / 2.74 = 35.22).
        var model = new BgNbdModel(4, 1, 0.2, 8, TimeUnit.Week);
        var end = new DateOnly(2024, 6, 30);
        DateOnly[] firsts = [.. Enumerable.Range(0, 4000).Select(i => end.AddDays(-(i % 180)))];
        var log = model.SimulateTransactions(firsts, end, Spend, seed: 9);
        double mean = log.Average(t => t.Amount);
        Assert.InRange(mean, 35.22 * 0.9, 35.22 * 1.1);
    }
}
