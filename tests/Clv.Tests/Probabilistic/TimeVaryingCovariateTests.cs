using System.Globalization;
using Clv.Probabilistic;
using MathNet.Numerics.Distributions;

namespace Clv.Tests.Probabilistic;

/// <summary>Pareto/NBD with time-varying covariates: exactness at zero effects, derivatives, recovery, the LR test and errors.</summary>
public class TimeVaryingCovariateTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);
    private static readonly DateOnly End = Start.AddDays((52 * 7) - 1);
    private const int Weeks = 80;

    private static readonly string[] Names = ["promo", "season", "contact"];

    /// <summary>
    /// A log simulated in continuous time from the model (purchases then placed on their day): promo on one week in four (the week
    /// depends on the customer), season a yearly wave shared by all, contact on in a random 30% of a customer's weeks.
    /// </summary>
    internal static (CustomerSummaries Customers, TimeVaryingCovariates Covariates) Simulate(TimeVaryingParetoNbdModel truth, int count, int seed)
    {
        var random = new Random(seed);
        var values = new Dictionary<string, double[,]>(StringComparer.Ordinal);
        var log = new List<Transaction>();
        var m = truth.BaseModel;
        double Coefficient(IReadOnlyList<string> names, IReadOnlyList<double> coefficients, string name) =>
            names.Contains(name) ? coefficients[names.ToList().IndexOf(name)] : 0;
        double gp = Coefficient(truth.PurchaseCovariates, truth.PurchaseCoefficients, "promo"), gs = Coefficient(truth.PurchaseCovariates, truth.PurchaseCoefficients, "season");
        double gc = Coefficient(truth.DropoutCovariates, truth.DropoutCoefficients, "contact");
        for (int i = 0; i < count; i++)
        {
            string id = "C" + i.ToString("D6", CultureInfo.InvariantCulture);
            var z = new double[Weeks, 3];
            int phase = random.Next(4);
            for (int w = 0; w < Weeks; w++)
            {
                z[w, 0] = (w + phase) % 4 == 0 ? 1 : 0;
                z[w, 1] = Math.Sin(2 * Math.PI * w / 52);
                z[w, 2] = random.NextDouble() < 0.3 ? 1 : 0;
            }

            values[id] = z;
            int firstDay = random.Next(84);
            double lambda = Gamma.Sample(random, m.R, m.Alpha), mu = Gamma.Sample(random, m.S, m.Beta);

            // Walk the weeks from the first purchase: death when the dropout hazard reaches an Exp(1) draw; purchases as a
            // Poisson process in the purchase-rate clock.
            double death = -Math.Log(1 - random.NextDouble()), nextPurchase = -Math.Log(1 - random.NextDouble());
            log.Add(new Transaction(id, Start.AddDays(firstDay), 10));
            double t = 0, horizon = (End.DayNumber - Start.AddDays(firstDay).DayNumber) / 7.0;
            for (int week = firstDay / 7; t < horizon; week++)
            {
                double end = Math.Min(horizon, week + 1 - (firstDay / 7.0));
                double purchaseRate = lambda * Math.Exp((gp * z[week, 0]) + (gs * z[week, 1])), dropoutRate = mu * Math.Exp(gc * z[week, 2]);
                double dieAt = t + (death / dropoutRate), stop = Math.Min(end, dieAt);
                while (t + (nextPurchase / purchaseRate) < stop)
                {
                    t += nextPurchase / purchaseRate;
                    nextPurchase = -Math.Log(1 - random.NextDouble());
                    log.Add(new Transaction(id, Start.AddDays(firstDay + (int)(t * 7)), 10));
                }

                nextPurchase -= (stop - t) * purchaseRate;
                death -= (stop - t) * dropoutRate;
                t = stop;
                if (dieAt <= end)
                {
                    break;
                }
            }
        }

        var customers = CustomerSummaries.FromTransactions(log.ToArray(), End, TimeUnit.Week);
        var all = new double[customers.Count, Weeks, 3];
        for (int i = 0; i < customers.Count; i++)
        {
            var z = values[customers[i].CustomerId];
            for (int w = 0; w < Weeks; w++)
            {
                for (int j = 0; j < 3; j++)
                {
                    all[i, w, j] = z[w, j];
                }
            }
        }

        var starts = Enumerable.Range(0, Weeks).Select(w => Start.AddDays(7 * w)).ToArray();
        return (customers, TimeVaryingCovariates.Create(Names, starts, all));
    }

    private static TimeVaryingParetoNbdModel Truth(double promo, double season, double contact) =>
        new(new ParetoNbdModel(0.8, 8, 0.6, 10, TimeUnit.Week), [new("promo", promo), new("season", season)], [new("contact", contact)]);

    private static TimeVaryingCovariateOptions Options(TimeVaryingCovariates covariates) =>
        new(covariates) { Purchase = ["promo", "season"], Dropout = ["contact"] };

    [Fact]
    public void ZeroCoefficients_LikelihoodAndPredictionsEqualThePlainParetoNbd()
    {
        var (customers, covariates) = Simulate(Truth(0.7, 0.3, 0.5), 400, seed: 1);
        var plain = Truth(0, 0, 0);
        var model = plain.BaseModel;

        double expected = customers.Where(c => c.HasPurchase).Sum(c => model.LikelihoodLn(c.Frequency, c.Recency, c.Age));
        Assert.Equal(expected, plain.LikelihoodLn(customers, covariates), Math.Abs(expected) * 1e-11);

        var alive = plain.ProbabilityAlive(customers, covariates);
        var next = plain.ConditionalExpectedPurchases(customers, covariates, 26);
        for (int i = 0; i < customers.Count; i++)
        {
            Assert.Equal(model.ProbabilityAlive(customers[i]), alive[i], 1e-10);
            Assert.Equal(model.ConditionalExpectedPurchases(customers[i], 26), next[i], 1e-9);
        }
    }

    /// <summary>One dropout covariate (contact), and two (contact and season: each coefficient's own gradient entry).</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Gradient_MatchesCentralDifferences(int dropoutCovariates)
    {
        var (customers, covariates) = Simulate(Truth(0.7, 0.3, 0.5), 60, seed: 2);
        var truth = Truth(0.7, 0.3, 0.5);
        double[] theta = dropoutCovariates == 1
            ? [Math.Log(0.8), Math.Log(8), Math.Log(0.6), Math.Log(10), 0.7, 0.3, 0.5]
            : [Math.Log(0.8), Math.Log(8), Math.Log(0.6), Math.Log(10), 0.7, 0.3, 0.5, -0.6];
        var paths = TimeVaryingPathsFor(customers, covariates, dropoutCovariates == 1 ? ["contact"] : ["contact", "season"]);
        int k = theta.Length;
        var g = new double[k];
        var scratch = new double[k];
        for (int i = 0; i < paths.Count; i++)
        {
            paths.LogLikelihood(i, theta, g, out _);
            for (int j = 0; j < k; j++)
            {
                var up = (double[])theta.Clone();
                var down = (double[])theta.Clone();
                up[j] += 1e-6;
                down[j] -= 1e-6;
                double numeric = (paths.LogLikelihood(i, up, scratch, out _) - paths.LogLikelihood(i, down, scratch, out _)) / 2e-6;
                Assert.True(Math.Abs(numeric - g[j]) < 1e-5 * (1 + Math.Abs(numeric)), $"customer {i}, parameter {j}: analytic {g[j]}, numeric {numeric}");
            }
        }

        Assert.True(truth.LikelihoodLn(customers, covariates) < 0);
    }

    [Fact]
    public void Fit_SimulatedWithEffects_RecoversEveryParameterWithinFourStandardErrors()
    {
        var truth = Truth(0.7, 0.3, 0.5);
        var (customers, covariates) = Simulate(truth, 8_000, seed: 3);

        var fit = ParetoNbdModel.Fit(customers, Options(covariates), null);

        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.Equal(["r", "alpha", "s", "beta", "purchase.promo", "purchase.season", "dropout.contact"], fit.Parameters.Select(p => p.Name));
        double[] expected = [0.8, 8, 0.6, 10, 0.7, 0.3, 0.5];
        for (int i = 0; i < expected.Length; i++)
        {
            var p = fit.Parameters[i];
            double deviation = i < 4
                ? Math.Abs(Math.Log(p.Estimate / expected[i])) / (p.StandardError / p.Estimate)
                : Math.Abs(p.Estimate - expected[i]) / p.StandardError;
            Assert.True(deviation < 4, $"{p.Name}: {p.Estimate:G4} ± {p.StandardError:G2}, truth {expected[i]} ({deviation:F1} SE)");
        }

        var test = LikelihoodRatioTest.Compare(ParetoNbdModel.Fit(customers), fit);
        Assert.Equal(3, test.DegreesOfFreedom);
        Assert.True(test.PValue < 1e-6, test.ToString());
    }

    [Fact]
    public void Fit_NoEffects_LikelihoodNotBelowThePlainFit()
    {
        var (customers, covariates) = Simulate(Truth(0, 0, 0), 1_500, seed: 4);
        var fit = ParetoNbdModel.Fit(customers, Options(covariates), null);
        double plain = ParetoNbdModel.Fit(customers).LikelihoodLn;
        Assert.True(fit.LikelihoodLn >= plain - 1e-6, $"{fit.LikelihoodLn} < {plain}");
        Assert.True(2 * (fit.LikelihoodLn - plain) < 11.34, $"D = {2 * (fit.LikelihoodLn - plain):F2} beyond the 1% point of χ²(3) (seeded)");
    }

    [Fact]
    public void Json_RoundTripsExactly()
    {
        var model = Truth(0.7, 0.3, 0.5);
        string json = model.ToJson();
        Assert.Equal(json, TimeVaryingParetoNbdModel.FromJson(json).ToJson());
        Assert.IsType<TimeVaryingParetoNbdModel>(ModelJson.Load(json));
        Assert.Contains("\"model\":\"Pareto/NBD with time-varying covariates\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInput_ErrorsNameTheProblem()
    {
        var (customers, covariates) = Simulate(Truth(0, 0, 0), 50, seed: 5);
        var late = TimeVaryingCovariates.Create(["promo"], [Start.AddDays(30)], new double[customers.Count, 1, 1]);
        Assert.Contains("before the first covariate period (2024-01-31)", Assert.Throws<ArgumentException>(() =>
            ParetoNbdModel.Fit(customers, new TimeVaryingCovariateOptions(late) { Purchase = ["promo"] }, null)).Message, StringComparison.Ordinal);
        var flat = TimeVaryingCovariates.Create(["promo"], [Start], new double[customers.Count, 1, 1]);
        Assert.Contains("'promo' has the same value (0) in every period", Assert.Throws<ModelFitException>(() =>
            ParetoNbdModel.Fit(customers, new TimeVaryingCovariateOptions(flat) { Purchase = ["promo"] }, null)).Message, StringComparison.Ordinal);
        Assert.Contains("names 'price', which is not a covariate", Assert.Throws<ArgumentException>(() =>
            ParetoNbdModel.Fit(customers, new TimeVaryingCovariateOptions(covariates) { Dropout = ["price"] }, null)).Message, StringComparison.Ordinal);
        Assert.Contains("strictly ascending", Assert.Throws<ArgumentException>(() =>
            TimeVaryingCovariates.Create(["promo"], [Start, Start], new double[1, 2, 1])).Message, StringComparison.Ordinal);
        Assert.Contains("'promo' of customer 0 in period 1 is NaN", Assert.Throws<ArgumentException>(() =>
            TimeVaryingCovariates.Create(["promo"], [Start, Start.AddDays(7)], new double[,,] { { { 0 }, { double.NaN } } })).Message, StringComparison.Ordinal);
        Assert.Contains("summaries are in Days but the model is in Weeks", Assert.Throws<ArgumentException>(() =>
            Truth(0, 0, 0).ProbabilityAlive(CustomerSummaries.FromTransactions([new Transaction("a", Start, 1)], End, TimeUnit.Day), covariates)).Message, StringComparison.Ordinal);
    }

    private static TimeVaryingPaths TimeVaryingPathsFor(CustomerSummaries customers, TimeVaryingCovariates covariates, string[]? dropout = null)
    {
        // The same paths the fit builds, through the internal builder the fit uses.
        var method = typeof(TimeVaryingParetoNbdModel).GetMethod("Build", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        var result = ((TimeVaryingPaths, int[]))method.Invoke(null, [customers, covariates, new[] { "promo", "season" }, dropout ?? ["contact"], false])!;
        return result.Item1;
    }
}
