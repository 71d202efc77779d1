using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// <see cref="TimeVaryingParetoNbdModel"/>'s shell directly, on small logs that fit in well under a second: the fit lands on
/// a local maximum of the public ln L with every coefficient under its own name, the penalty shrinks, leads are left out of
/// the fit and keep their own row in the predictions, a covariate flat from the first purchases on is refused, and the
/// errors and the text name what they should.
/// </summary>
public class TimeVaryingParetoNbdModelTests
{
    private static readonly DateOnly Start = new(2024, 1, 1);

    private static TimeVaryingParetoNbdModel Truth(double promo, double season, double contact) =>
        new(new ParetoNbdModel(0.8, 8, 0.6, 10, TimeUnit.Week), [new("promo", promo), new("season", season)], [new("contact", contact)]);

    private static TimeVaryingCovariateOptions Options(TimeVaryingCovariates covariates, double regularization = 0) =>
        new(covariates) { Purchase = ["promo", "season"], Dropout = ["contact"], Regularization = regularization };

    private static readonly Lazy<(CustomerSummaries Customers, TimeVaryingCovariates Covariates, FitResult<TimeVaryingParetoNbdModel> Fit)> Small = new(() =>
    {
        var (customers, covariates) = TimeVaryingCovariateTests.Simulate(Truth(0.7, 0.3, 0.5), 150, seed: 11);
        return (customers, covariates, ParetoNbdModel.Fit(customers, Options(covariates), null));
    });

    /// <summary>A Pareto/NBD log without covariate effects (r 0.8, α 8, s 0.6, β 10 in weeks), first purchases on days 10 to 69.</summary>
    private static List<Transaction> Log(int count, int seed)
    {
        var random = new Random(seed);
        var log = new List<Transaction>();
        for (int i = 0; i < count; i++)
        {
            string id = $"c{i:D3}";
            int first = 10 + random.Next(60);
            double lambda = MathNet.Numerics.Distributions.Gamma.Sample(random, 0.8, 8), mu = MathNet.Numerics.Distributions.Gamma.Sample(random, 0.6, 10);
            double stop = Math.Min(-Math.Log(1 - random.NextDouble()) / mu, (364 - first) / 7.0);
            log.Add(new(id, Start.AddDays(first), 10));
            for (double t = -Math.Log(1 - random.NextDouble()) / lambda; t < stop; t += -Math.Log(1 - random.NextDouble()) / lambda)
            {
                log.Add(new(id, Start.AddDays(first + (int)(t * 7)), 10));
            }
        }

        return log;
    }

    [Fact]
    public void Fit_SmallLog_EveryCoefficientUnderItsOwnName_AtALocalMaximumOfThePublicLikelihood()
    {
        var (customers, covariates, fit) = Small.Value;
        Assert.True(fit.IsConverged, fit.StatusMessage);
        var model = fit.Model;
        Assert.Equal(TimeUnit.Week, model.BaseModel.TimeUnit);
        Assert.Equal(["promo", "season"], model.PurchaseCovariates);
        Assert.Equal(["contact"], model.DropoutCovariates);
        Assert.Equal(["r", "alpha", "s", "beta", "purchase.promo", "purchase.season", "dropout.contact"], fit.Parameters.Select(p => p.Name));
        double[] estimates = [model.BaseModel.R, model.BaseModel.Alpha, model.BaseModel.S, model.BaseModel.Beta, .. model.PurchaseCoefficients, .. model.DropoutCoefficients];
        Assert.Equal(estimates, fit.Parameters.Select(p => p.Estimate));
        Assert.Equal(customers.Count, fit.ObservationCount);
        Assert.Equal(0, fit.ExcludedCount);

        double at = model.LikelihoodLn(customers, covariates);
        Assert.Equal(at, fit.LikelihoodLn, Math.Abs(at) * 1e-12);

        // Moving any one parameter either way (the base ones on the log scale) lowers the likelihood the model reports itself.
        for (int j = 0; j < estimates.Length; j++)
        {
            foreach (double step in new[] { -0.02, 0.02 })
            {
                double[] p = [.. estimates];
                p[j] = j < 4 ? p[j] * Math.Exp(step) : p[j] + step;
                var moved = new TimeVaryingParetoNbdModel(
                    new ParetoNbdModel(p[0], p[1], p[2], p[3], TimeUnit.Week), [new("promo", p[4]), new("season", p[5])], [new("contact", p[6])]);
                double there = moved.LikelihoodLn(customers, covariates);
                Assert.True(there < at, $"{fit.Parameters[j].Name} moved by {step}: ln L {there} not below {at}");
            }
        }
    }

    [Fact]
    public void Fit_Regularization_ShrinksEveryCoefficientTowardsZero_AndReportsLnLWithoutIt()
    {
        var (customers, covariates, plain) = Small.Value;
        var fit = ParetoNbdModel.Fit(customers, Options(covariates, regularization: 1e4), null);
        Assert.True(fit.IsConverged, fit.StatusMessage);
        double[] free = [.. plain.Model.PurchaseCoefficients, .. plain.Model.DropoutCoefficients];
        double[] shrunk = [.. fit.Model.PurchaseCoefficients, .. fit.Model.DropoutCoefficients];
        for (int j = 0; j < free.Length; j++)
        {
            Assert.True(Math.Abs(shrunk[j]) < 0.01 && Math.Abs(free[j]) > 0.05, $"coefficient {j}: {free[j]} free, {shrunk[j]} penalised");
        }

        Assert.Equal(fit.Model.LikelihoodLn(customers, covariates), fit.LikelihoodLn, Math.Abs(fit.LikelihoodLn) * 1e-12);
        Assert.True(fit.LikelihoodLn < plain.LikelihoodLn);
    }

    [Fact]
    public void Fit_AlreadyCancelled_Throws()
    {
        var (customers, covariates, _) = Small.Value;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ParetoNbdModel.Fit(customers, Options(covariates), new FitOptions { CancellationToken = cancelled.Token }));
    }

    /// <summary>
    /// Customers a, b (a lead: a return only), c and d (first bought on the observation end). The lead is left out of ln L, and
    /// in the predictions keeps its own row: P(alive) 1, and the expectation of d, who has the same history (x = 0, t_x = 0,
    /// T = 0) and the same covariates.
    /// </summary>
    [Fact]
    public void Leads_LeftOutOfTheLikelihood_KeepTheirOwnRowInThePredictions()
    {
        var end = Start.AddDays(55);
        Transaction[] a = [new("a", Start.AddDays(2), 10), new("a", Start.AddDays(20), 10)], cd = [new("c", Start.AddDays(9), 5), new("c", Start.AddDays(40), 5), new("d", end, 8)];
        var withLead = CustomerSummaries.FromTransactions([.. a, new Transaction("b", Start.AddDays(5), -4), .. cd], end, TimeUnit.Week);
        var without = CustomerSummaries.FromTransactions([.. a, .. cd], end, TimeUnit.Week);
        Assert.Equal(["a", "b", "c", "d"], withLead.Select(c => c.CustomerId));
        Assert.False(withLead[1].HasPurchase);

        DateOnly[] starts = [Start, Start.AddDays(14), Start.AddDays(35), end.AddDays(1)];
        double Value(string id, int period, int column) => (id[0] - 'a' + 1) * (period + 1) * (column == 0 ? 0.1 : -0.2) + (id == "d" ? 0 : period % 2);
        TimeVaryingCovariates For(CustomerSummaries customers)
        {
            var values = new double[customers.Count, starts.Length, 3];
            for (int i = 0; i < customers.Count; i++)
            {
                for (int p = 0; p < starts.Length; p++)
                {
                    for (int j = 0; j < 3; j++)
                    {
                        values[i, p, j] = Value(customers[i].CustomerId == "b" ? "d" : customers[i].CustomerId, p, j);
                    }
                }
            }

            return TimeVaryingCovariates.Create(["promo", "season", "contact"], starts, values);
        }

        var model = Truth(0.7, 0.3, 0.5);
        Assert.Equal(model.LikelihoodLn(without, For(without)), model.LikelihoodLn(withLead, For(withLead)));
        var alive = model.ProbabilityAlive(withLead, For(withLead));
        var next = model.ConditionalExpectedPurchases(withLead, For(withLead), 10);
        var aliveWithout = model.ProbabilityAlive(without, For(without));
        var nextWithout = model.ConditionalExpectedPurchases(without, For(without), 10);
        Assert.Equal([aliveWithout[0], 1, aliveWithout[1], aliveWithout[2]], alive);
        Assert.Equal([nextWithout[0], nextWithout[2], nextWithout[1], nextWithout[2]], next);
        Assert.True(aliveWithout[0] < 1 && aliveWithout[1] < 1 && next[1] > 0, string.Join(", ", alive));
        Assert.NotEqual(next[0], next[2]);
    }

    [Fact]
    public void Fit_Leads_LeftOutAndCounted_SameFitAsWithoutThem()
    {
        var end = Start.AddDays(364);
        var buyers = Log(150, seed: 5);
        var without = CustomerSummaries.FromTransactions([.. buyers], end, TimeUnit.Week);
        var withLeads = CustomerSummaries.FromTransactions([new("lead1", Start.AddDays(20), -3), .. buyers[..40], new("lead2", Start.AddDays(100), -3), .. buyers[40..], new("lead3", end, -1)], end, TimeUnit.Week);
        DateOnly[] starts = [.. Enumerable.Range(0, 53).Select(w => Start.AddDays(7 * w))];
        TimeVaryingCovariates For(CustomerSummaries customers)
        {
            var values = new double[customers.Count, starts.Length, 2];
            for (int i = 0; i < customers.Count; i++)
            {
                int seed = customers[i].CustomerId.Aggregate(17, (h, ch) => (h * 31) + ch);
                var own = new Random(seed);
                for (int p = 0; p < starts.Length; p++)
                {
                    values[i, p, 0] = own.Next(4) == 0 ? 1 : 0;
                    values[i, p, 1] = own.NextDouble();
                }
            }

            return TimeVaryingCovariates.Create(["promo", "contact"], starts, values);
        }

        TimeVaryingCovariateOptions Options(CustomerSummaries customers) => new(For(customers)) { Purchase = ["promo"], Dropout = ["contact"] };
        var plain = ParetoNbdModel.Fit(without, Options(without), null);
        var fit = ParetoNbdModel.Fit(withLeads, Options(withLeads), null);
        Assert.True(fit.IsConverged, fit.StatusMessage);
        Assert.Equal(3, fit.ExcludedCount);
        Assert.Equal(150, fit.ObservationCount);
        Assert.Equal(plain.LikelihoodLn, fit.LikelihoodLn, Math.Abs(plain.LikelihoodLn) * 1e-10);
        for (int j = 0; j < plain.Parameters.Count; j++)
        {
            Assert.Equal(plain.Parameters[j].Estimate, fit.Parameters[j].Estimate, 1e-6 * Math.Max(1, Math.Abs(plain.Parameters[j].Estimate)));
        }
    }

    [Fact]
    public void Fit_CovariateFlatFromEveryFirstPurchaseOn_RefusedNamingItAndItsValue()
    {
        // Promo is on only in the first week, before anyone's first purchase: it cannot be told apart from the scale parameters.
        var customers = CustomerSummaries.FromTransactions([.. Log(150, seed: 6)], Start.AddDays(364), TimeUnit.Week);
        DateOnly[] starts = [Start, Start.AddDays(7), Start.AddDays(40), Start.AddDays(80)];
        var values = new double[customers.Count, starts.Length, 2];
        for (int i = 0; i < customers.Count; i++)
        {
            values[i, 0, 0] = 1;
            values[i, 1, 0] = values[i, 2, 0] = values[i, 3, 0] = 2;
            for (int p = 0; p < starts.Length; p++)
            {
                values[i, p, 1] = (i + p) % 3;
            }
        }

        var covariates = TimeVaryingCovariates.Create(["promo", "contact"], starts, values);
        var ex = Assert.Throws<ModelFitException>(() => ParetoNbdModel.Fit(customers, new TimeVaryingCovariateOptions(covariates) { Purchase = ["promo"], Dropout = ["contact"] }, null));
        Assert.Equal(
            "Time-varying covariate 'promo' has the same value (2) in every period for every customer fitted, so its effect cannot be told apart from the model's own scale parameters; leave it out.",
            ex.Message);
    }

    [Fact]
    public void Predictions_SummariesInAnotherUnit_RefusedNamingBoth()
    {
        var customers = CustomerSummaries.FromTransactions([new Transaction("a", Start.AddDays(3), 1)], Start.AddDays(30), TimeUnit.Day);
        var covariates = TimeVaryingCovariates.Create(["promo", "season", "contact"], [Start], new double[1, 1, 3]);
        var ex = Assert.Throws<ArgumentException>(() => Truth(0.1, 0.2, 0.3).ConditionalExpectedPurchases(customers, covariates, 4));
        Assert.Equal("customers", ex.ParamName);
        Assert.StartsWith("The summaries are in Days but the model is in Weeks; build the summaries in the model's unit.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predictions_FirstPurchaseBeforeTheFirstPeriod_RefusedNamingCustomerAndDates()
    {
        var customers = CustomerSummaries.FromTransactions([new Transaction("a", Start.AddDays(9), 1), new Transaction("zz", Start.AddDays(3), 1)], Start.AddDays(30), TimeUnit.Week);
        var covariates = TimeVaryingCovariates.Create(["promo", "season", "contact"], [Start.AddDays(5)], new double[2, 1, 3]);
        var ex = Assert.Throws<ArgumentException>(() => Truth(0.1, 0.2, 0.3).ProbabilityAlive(customers, covariates));
        Assert.Equal("covariates", ex.ParamName);
        Assert.StartsWith(
            "Customer 'zz' first bought on 2024-01-04, before the first covariate period (2024-01-06); the periods must cover every customer's whole history.",
            ex.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_NamesTheBaseModelAndEveryCoefficient()
    {
        Assert.Equal(
            "Pareto/NBD(r = 0.8, alpha = 8, s = 0.6, beta = 10; Week) with time-varying purchase: promo 0.7, season -0.3; dropout: contact 0.125",
            Truth(0.7, -0.3, 0.125).ToString());
        var none = new TimeVaryingParetoNbdModel(new ParetoNbdModel(1, 2, 3, 4, TimeUnit.Day), [new("promo", 0.5)], []);
        Assert.EndsWith("with time-varying purchase: promo 0.5; dropout: none", none.ToString(), StringComparison.Ordinal);
    }
}
