using Clv.Probabilistic;
using MathNet.Numerics;
using MathNet.Numerics.Integration;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The time-varying Pareto/NBD against a day-by-day oracle. The model walks each customer's covariate periods; the oracle
/// here knows nothing of periods beyond the value on each calendar day: it builds A(τ) and D(τ) (the rates' integrals) one
/// day at a time, integrates the death term one day at a time by 20-point Gauss-Legendre, and sums the purchase covariates
/// from the log's own purchase days. Periods of uneven length, first purchases on and between period starts, same-day
/// purchases, a customer first seen on the end day, and horizons that cross periods after the end, in three units.
/// </summary>
public class TimeVaryingOracleTests
{
    private const double R = 0.8, Alpha = 4, S = 0.6, Beta = 9;
    private static readonly DateOnly End = new(2024, 6, 30);
    private static readonly string[] Names = ["promo", "price", "contact"];

    private static readonly DateOnly[] Starts =
    [
        new(2023, 12, 20), new(2024, 1, 4), new(2024, 1, 15), new(2024, 2, 1), new(2024, 2, 2), new(2024, 3, 10),
        new(2024, 4, 1), new(2024, 4, 29), new(2024, 5, 6), new(2024, 6, 12), new(2024, 7, 1), new(2024, 7, 20), new(2024, 9, 1),
    ];

    public static TheoryData<TimeUnit> Units => new() { TimeUnit.Week, TimeUnit.Day, TimeUnit.Month };

    [Theory]
    [MemberData(nameof(Units))]
    public void EachCustomer_LikelihoodAliveAndExpectedPurchases_MatchTheDayByDayOracle(TimeUnit unit)
    {
        var model = Model(unit);
        var random = new Random(17);
        var logs = Logs(random);
        double u = unit.LengthInDays();
        double[] horizons = [0, 0.75 * 7 / u, 3.5 * 7 / u, 20 * 7 / u];
        var each = new Dictionary<string, (double[,,] Values, double Ln)>(StringComparer.Ordinal);
        foreach (var log in logs)
        {
            var values = Values(random);
            var customers = CustomerSummaries.FromTransactions(log, End, unit);
            var covariates = TimeVaryingCovariates.Create(Names, Starts, values);
            var c = customers[0];
            var oracle = new Oracle(values, unit, c.FirstPurchase!.Value.DayNumber, c.Frequency, c.Recency, c.Age, model);
            var purchaseDays = log.Select(t => t.Date).Distinct().Order().Skip(1);
            double expectedLn = oracle.LikelihoodLn(purchaseDays, out double alive);
            string who = $"{log[0].CustomerId} ({unit}, x = {c.Frequency}, t_x = {c.Recency:G4}, T = {c.Age:G4})";

            each[log[0].CustomerId] = (values, expectedLn);
            double actualLn = model.LikelihoodLn(customers, covariates);
            Assert.True(Math.Abs(actualLn - expectedLn) < 1e-9 * (1 + Math.Abs(expectedLn)), $"{who}: ln L {actualLn:R}, oracle {expectedLn:R}");
            double actualAlive = model.ProbabilityAlive(customers, covariates)[0];
            Assert.True(Math.Abs(actualAlive - alive) < 1e-9, $"{who}: P(alive) {actualAlive:R}, oracle {alive:R}");
            foreach (double t in horizons)
            {
                double expected = oracle.ExpectedPurchases(alive, t);
                double actual = model.ConditionalExpectedPurchases(customers, covariates, t)[0];
                Assert.True(Math.Abs(actual - expected) <= 1e-9 * expected, $"{who}: E[purchases in {t:G4}] {actual:R}, oracle {expected:R}");
            }
        }

        AssertPopulationIsTheSumOfTheOracles(model, logs, each);
    }

    /// <summary>
    /// The same customers' oracle ln L only (no predictions, one unit): fast enough for mutation runs, and what catches a
    /// customer's purchase sums or covariate rows mixed up with another's.
    /// </summary>
    [Fact]
    public void Population_Week_LikelihoodIsTheSumOfTheOracles()
    {
        var model = Model(TimeUnit.Week);
        var random = new Random(17);
        var logs = Logs(random);
        var each = new Dictionary<string, (double[,,] Values, double Ln)>(StringComparer.Ordinal);
        foreach (var log in logs)
        {
            var values = Values(random);
            var c = CustomerSummaries.FromTransactions(log, End, TimeUnit.Week)[0];
            var oracle = new Oracle(values, TimeUnit.Week, c.FirstPurchase!.Value.DayNumber, c.Frequency, c.Recency, c.Age, model);
            each[log[0].CustomerId] = (values, oracle.LikelihoodLn(log.Select(t => t.Date).Distinct().Order().Skip(1), out _));
        }

        AssertPopulationIsTheSumOfTheOracles(model, logs, each);
    }

    private static TimeVaryingParetoNbdModel Model(TimeUnit unit) =>
        new(new ParetoNbdModel(R, Alpha, S, Beta, unit), [new("promo", 0.6), new("price", -0.4)], [new("contact", 0.8)]);

    private static double[,,] Values(Random random)
    {
        var values = new double[1, Starts.Length, Names.Length];
        for (int p = 0; p < Starts.Length; p++)
        {
            values[0, p, 0] = random.Next(2);
            values[0, p, 1] = (2 * random.NextDouble()) - 1;
            values[0, p, 2] = random.Next(3) == 0 ? 1 : 0;
        }

        return values;
    }

    /// <summary>Every customer in one population: each keeps its own covariate rows and purchase sums (customer i's, not another's).</summary>
    private static void AssertPopulationIsTheSumOfTheOracles(TimeVaryingParetoNbdModel model, List<Transaction[]> logs, Dictionary<string, (double[,,] Values, double Ln)> each)
    {
        var unit = model.BaseModel.TimeUnit;
        var all = CustomerSummaries.FromTransactions([.. logs.SelectMany(l => l)], End, unit);
        Assert.Equal(logs.Count, all.Count);
        var rows = new double[all.Count, Starts.Length, Names.Length];
        double total = 0;
        for (int i = 0; i < all.Count; i++)
        {
            var (values, ln) = each[all[i].CustomerId];
            total += ln;
            for (int p = 0; p < Starts.Length; p++)
            {
                for (int k = 0; k < Names.Length; k++)
                {
                    rows[i, p, k] = values[0, p, k];
                }
            }
        }

        double together = model.LikelihoodLn(all, TimeVaryingCovariates.Create(Names, Starts, rows));
        Assert.True(Math.Abs(together - total) < 1e-9 * (1 + Math.Abs(total)), $"all customers ({unit}): ln L {together:R}, sum of the oracles {total:R}");
    }

    /// <summary>One log per customer: first purchases on a period start, between starts, early and late, on the end day; 0 to 12 repeat days, some with two rows.</summary>
    private static List<Transaction[]> Logs(Random random)
    {
        DateOnly[] firsts =
        [
            Starts[0], Starts[1].AddDays(3), Starts[3], Starts[4], new(2024, 2, 20), new(2024, 4, 28), new(2024, 5, 31),
            new(2024, 6, 12), new(2024, 6, 29), End, new(2024, 1, 1), new(2024, 3, 10),
        ];
        var logs = new List<Transaction[]>();
        for (int i = 0; i < firsts.Length; i++)
        {
            string id = "C" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var rows = new List<Transaction> { new(id, firsts[i], 10) };
            int span = End.DayNumber - firsts[i].DayNumber;
            int repeats = span == 0 ? 0 : i % 4 == 3 ? 0 : random.Next(1, 13);
            for (int k = 0; k < repeats; k++)
            {
                var day = firsts[i].AddDays(1 + random.Next(span));
                rows.Add(new Transaction(id, day, 20));
                if (k % 3 == 0)
                {
                    rows.Add(new Transaction(id, day, 5));
                }
            }

            logs.Add([.. rows]);
        }

        return logs;
    }

    /// <summary>The likelihood and predictions built one calendar day at a time.</summary>
    private sealed class Oracle(double[,,] values, TimeUnit unit, int firstDay, int x, double recency, double age, TimeVaryingParetoNbdModel model)
    {
        private readonly double _u = unit.LengthInDays();
        private readonly double _gp0 = model.PurchaseCoefficients[0], _gp1 = model.PurchaseCoefficients[1], _gd = model.DropoutCoefficients[0];

        public double LikelihoodLn(IEnumerable<DateOnly> repeatDays, out double alive)
        {
            double rx = R + x;
            double sumZ = repeatDays.Sum(d => (_gp0 * Z(d.DayNumber, 0)) + (_gp1 * Z(d.DayNumber, 1)));
            double aliveTerm = Math.Pow(Alpha + A(age), -rx) * Math.Pow(Beta + D(age), -S);
            double died = S * ByDays(recency, age, tau => Md(tau) * Math.Pow(Alpha + A(tau), -rx) * Math.Pow(Beta + D(tau), -(S + 1)));
            alive = aliveTerm / (aliveTerm + died);
            return SpecialFunctions.GammaLn(rx) - SpecialFunctions.GammaLn(R) + (R * Math.Log(Alpha)) + (S * Math.Log(Beta)) + sumZ + Math.Log(aliveTerm + died);
        }

        public double ExpectedPurchases(double alive, double time)
        {
            double dT = D(age);
            return alive * (R + x) / (Alpha + A(age)) * ByDays(age, age + time, tau => Mp(tau) * Math.Pow((Beta + dT) / (Beta + D(tau)), S));
        }

        /// <summary>The covariate on calendar day <paramref name="day"/>: the period whose start is the latest on or before it.</summary>
        private double Z(int day, int column)
        {
            int p = Starts.Length - 1;
            while (Starts[p].DayNumber > day)
            {
                p--;
            }

            return values[0, p, column];
        }

        /// <summary>The calendar day holding time τ after the first purchase.</summary>
        private int Day(double tau) => firstDay + (int)Math.Floor(tau * _u);

        private double Mp(double tau) => Math.Exp((_gp0 * Z(Day(tau), 0)) + (_gp1 * Z(Day(tau), 1)));

        private double Md(double tau) => Math.Exp(_gd * Z(Day(tau), 2));

        private double A(double tau) => Cumulative(tau, d => Math.Exp((_gp0 * Z(d, 0)) + (_gp1 * Z(d, 1))));

        private double D(double tau) => Cumulative(tau, d => Math.Exp(_gd * Z(d, 2)));

        /// <summary>∫₀^τ of a rate multiplier constant within each calendar day: whole days, then the part of the last.</summary>
        private double Cumulative(double tau, Func<int, double> multiplier)
        {
            int whole = (int)Math.Floor(tau * _u);
            double sum = 0;
            for (int k = 0; k < whole; k++)
            {
                sum += multiplier(firstDay + k) / _u;
            }

            return sum + (multiplier(firstDay + whole) * (tau - (whole / _u)));
        }

        /// <summary>∫ from <paramref name="from"/> to <paramref name="to"/>, split at every calendar day boundary, 20-point Gauss-Legendre on each piece.</summary>
        private double ByDays(double from, double to, Func<double, double> f)
        {
            double sum = 0;
            double left = from;
            while (left < to)
            {
                double right = Math.Min(to, (Math.Floor((left * _u) + 1e-9) + 1) / _u);
                sum += GaussLegendreRule.Integrate(f, left, right, 20);
                left = right;
            }

            return sum;
        }
    }
}
