using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// <see cref="CovariateSpendModel"/> and <see cref="SpendCovariateOptions"/> at their edges: each argument check with its
/// message, a customer's model read from its covariate row, and the batch expectation falling back to the scalar
/// path (and its error) where p x + q ≤ 1 or the customer's scale overflows. The mutation run of these files left each
/// of these untested.
/// </summary>
public class CovariateSpendArgumentTests
{
    private static readonly SpendSimulation.Data Data = SpendSimulation.GammaGamma(40, 6, 4, 15, 0, 0, seed: 5);

    private static CovariateSpendModel Model(double q = 4, double web = 0.3, double age = -0.2) =>
        new(new GammaGammaModel(6, q, 15), [new("web", web), new("age", age)]);

    [Fact]
    public void Constructor_NoCoefficient_SaysSo()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CovariateSpendModel(new GammaGammaModel(6, 4, 15), []));
        Assert.Equal("coefficients", ex.ParamName);
        Assert.StartsWith("A covariate spend model needs at least one coefficient.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void ForCustomer_NonFiniteValue_NamesItsIndexAndName(double value, string shown)
    {
        var ex = Assert.Throws<ArgumentException>(() => Model().ForCustomer([1.0, value]));
        Assert.Equal("covariates", ex.ParamName);
        Assert.StartsWith($"Covariate value 1 ('age') is {shown}; it must be a finite number.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForCustomer_ByRow_IsTheModelOfThatRowsValues()
    {
        var model = Model();
        var covariates = Data.Covariates;
        int shifted = 0;
        for (int i = 0; i < covariates.Count; i++)
        {
            double web = covariates.Value(i, 0), age = covariates.Value(i, 1);
            var byRow = model.ForCustomer(covariates, i);
            var byValues = model.ForCustomer([web, age]);
            Assert.Equal(byValues.V, byRow.V);
            Assert.Equal(15 * Math.Exp((0.3 * web) - (0.2 * age)), byRow.V, 12);
            shifted += byRow.V != 15 ? 1 : 0;
        }

        Assert.Equal(covariates.Count, shifted);
    }

    [Fact]
    public void ForCustomer_RowOutOfRange_NamesTheRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Model().ForCustomer(Data.Covariates, Data.Covariates.Count));
        Assert.Equal("customer", ex.ParamName);
        Assert.StartsWith($"Customer index must be between 0 and {Data.Covariates.Count - 1}, but was {Data.Covariates.Count}.", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Model().ForCustomer(Data.Covariates, -1));
    }

    [Fact]
    public void ConditionalExpectedSpend_NullSummaries_ThrowsNamingCustomers()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => Model().ConditionalExpectedSpend(null!, Data.Covariates));
        Assert.Equal("customers", ex.ParamName);
    }

    [Fact]
    public void ConditionalExpectedSpend_RowCountsDiffer_SaysBoth()
    {
        var fewer = SpendSimulation.GammaGamma(7, 6, 4, 15, 0, 0, seed: 5).Covariates;
        var ex = Assert.Throws<ArgumentException>(() => Model().ConditionalExpectedSpend(Data.Customers, fewer));
        Assert.Equal("covariates", ex.ParamName);
        Assert.StartsWith($"The covariates have 7 rows but the summaries have {Data.Customers.Count} customers.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConditionalExpectedSpend_EachCustomer_IsItsOwnModelsExpectation()
    {
        var model = Model();
        double[] batch = model.ConditionalExpectedSpend(Data.Customers, Data.Covariates);
        for (int i = 0; i < batch.Length; i++)
        {
            Assert.Equal(model.ForCustomer(Data.Covariates, i).ConditionalExpectedSpend(Data.Customers[i]), batch[i], 12);
        }
    }

    /// <summary>q ≤ 1: a customer without repeat purchases (x = 0) has p x + q − 1 ≤ 0, also exactly 0 at q = 1.</summary>
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void ConditionalExpectedSpend_NoMeanForACustomer_ThrowsAsTheScalarFormDoes(double q)
    {
        Assert.Contains(Data.Customers.AsSpan().ToArray(), c => c.Frequency == 0);
        var ex = Assert.Throws<InvalidOperationException>(() => Model(q).ConditionalExpectedSpend(Data.Customers, Data.Covariates));
        Assert.StartsWith("The expected spend does not exist for a customer with 0 repeat purchases", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConditionalExpectedSpend_ScaleOverflows_ThrowsAsForCustomerDoes()
    {
        var model = Model(web: 800);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.ConditionalExpectedSpend(Data.Customers, Data.Covariates));
    }

    [Fact]
    public void Fit_NoSpendCovariateNamed_SaysSo()
    {
        var options = new SpendCovariateOptions(Data.Covariates) { Spend = [] };
        var ex = Assert.Throws<ArgumentException>(() => GammaGammaModel.Fit(Data.Customers, options, null));
        Assert.Equal("covariates", ex.ParamName);
        Assert.StartsWith("Name at least one covariate in covariates.Spend.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_FewerThanTwoRepeatCustomers_SaysHowMany()
    {
        var data = Customers(repeatCustomers: 1, copies: 1);
        var ex = Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit(data.Customers, new SpendCovariateOptions(data.Covariates) { Spend = ["web"] }, null));
        Assert.Equal("Gamma-Gamma fit needs at least two repeat customers with a positive mean spend, but there were 1 (1 excluded).", ex.Message);
    }

    /// <summary>
    /// Customers sharing x, m_x and covariates are fitted as one weighted row; customers sharing x and m_x but not the
    /// covariates are not. Twice every customer: the same estimates and twice the log-likelihood; and the log-likelihood
    /// reported is the sum over customers of each one's own Gamma-Gamma model at the estimates. With two covariates, rows
    /// that tie in x, m_x and the first covariate but not the second must stay apart.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Fit_TiedCustomers_WeightedRowsGiveTheCustomersLikelihood(int columns)
    {
        var once = Customers(repeatCustomers: 400, copies: 1, columns);
        var twice = Customers(repeatCustomers: 400, copies: 2, columns);
        string[] spend = [.. once.Covariates.Names];
        var a = GammaGammaModel.Fit(once.Customers, new SpendCovariateOptions(once.Covariates) { Spend = spend }, null);
        var b = GammaGammaModel.Fit(twice.Customers, new SpendCovariateOptions(twice.Covariates) { Spend = spend }, null);
        Assert.Equal(FitStatus.Converged, a.Status);
        Assert.Equal(FitStatus.Converged, b.Status);
        Assert.Equal(2 * a.LikelihoodLn, b.LikelihoodLn, 1e-6 * Math.Abs(b.LikelihoodLn));
        for (int k = 0; k < a.Parameters.Count; k++)
        {
            Assert.Equal(a.Parameters[k].Estimate, b.Parameters[k].Estimate, 1e-4 * Math.Max(1, Math.Abs(a.Parameters[k].Estimate)));
        }

        double sum = 0;
        for (int i = 0; i < once.Customers.Count; i++)
        {
            var c = once.Customers[i];
            if (c.Frequency > 0)
            {
                sum += a.Model.ForCustomer(once.Covariates, i).LikelihoodLn(c.Frequency, c.MonetaryValue);
            }
        }

        Assert.Equal(sum, a.LikelihoodLn, 1e-8 * Math.Abs(sum));
    }

    /// <summary>
    /// Customers "c-i" with 1 to 4 repeat days of a whole amount 5 to 24 (many ties in x and m_x) and "web" (and, with two
    /// columns, "email") 0 or 1 (ties that differ only in a covariate), each <paramref name="copies"/> times, plus one
    /// customer without a repeat purchase.
    /// </summary>
    private static SpendSimulation.Data Customers(int repeatCustomers, int copies, int columns = 1)
    {
        var random = new Random(3);
        var start = new DateOnly(2024, 1, 1);
        var rows = new List<Transaction>();
        var web = new double[repeatCustomers + 1, columns];
        for (int i = 0; i < repeatCustomers; i++)
        {
            int x = 1 + random.Next(4);
            double m = 5 + random.Next(20);
            for (int k = 0; k < columns; k++)
            {
                web[i, k] = random.Next(2);
            }

            for (int c = 0; c < copies; c++)
            {
                string id = FormattableString.Invariant($"{c}-{i}");
                rows.Add(new Transaction(id, start, 10));
                for (int k = 1; k <= x; k++)
                {
                    rows.Add(new Transaction(id, start.AddDays(k), m));
                }
            }
        }

        rows.Add(new Transaction(FormattableString.Invariant($"0-{repeatCustomers}"), start, 10));
        var customers = CustomerSummaries.FromTransactions([.. rows], start.AddDays(100), TimeUnit.Week);
        var aligned = new double[customers.Count, columns];
        for (int i = 0; i < customers.Count; i++)
        {
            int source = int.Parse(customers[i].CustomerId.AsSpan(customers[i].CustomerId.IndexOf('-') + 1), System.Globalization.CultureInfo.InvariantCulture);
            for (int k = 0; k < columns; k++)
            {
                aligned[i, k] = web[source, k];
            }
        }

        return new SpendSimulation.Data(customers, CustomerCovariates.Create(new[] { "web", "email" }[..columns], aligned));
    }
}
