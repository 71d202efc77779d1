using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Purchase-count quantiles add the count's probabilities one by one up to the quantile. A model expecting astronomically many
/// purchases (α = 1e-12: a rate of 10^12 a week for a customer who has just made a first purchase) or one whose count distribution is not a number (r = 1e308) used to sum
/// until n reached int.MaxValue: hours for one customer. Both are now refused at once, naming what is wrong.
/// </summary>
public class PurchaseCountSumLimitTests
{
    public static TheoryData<string> Models => ["BG/NBD", "MBG/NBD", "Pareto/NBD"];

    private static PurchaseModel Model(string name, double r, double alpha) => name switch
    {
        "BG/NBD" => new BgNbdModel(r, alpha, 0.793, 2.426, TimeUnit.Week),
        "MBG/NBD" => new MbgNbdModel(r, alpha, 1.2, 3.0, TimeUnit.Week),
        _ => new ParetoNbdModel(r, alpha, 0.61, 11.67, TimeUnit.Week),
    };

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Models))]
    public async Task Quantile_AnExpectedCountAboveTheLimit_IsRefusedAtOnce(string name)
    {
        // A customer who has just made a first purchase: Pareto/NBD with α = 1e-12 (a rate of 10^12 a week); BG/NBD and MBG/NBD
        // with r = 10^6, α = 1 and b = 10^7 (dropout after about 10^7 purchases): 8.4 million expected in 52 weeks.
        PurchaseModel model = name switch
        {
            "BG/NBD" => new BgNbdModel(1e6, 1, 2, 1e7, TimeUnit.Week),
            "MBG/NBD" => new MbgNbdModel(1e6, 1, 2, 1e7, TimeUnit.Week),
            _ => Model(name, 1, 1e-12),
        };
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Task.Run(() => model.ConditionalPurchaseCountQuantile(0, 0, 0, 52, 0.9), TestContext.Current.CancellationToken));
        Assert.Equal("time", e.ParamName);
        Assert.StartsWith("The expected number of purchases in the horizon is ", e.Message, StringComparison.Ordinal);
        string limit = name == "Pareto/NBD" ? "5,000" : "1,000,000";
        Assert.Contains($"up to an expected count of {limit} for this model. Use a shorter horizon, or check the model's time unit against the data's.", e.Message, StringComparison.Ordinal);
        Assert.True((double)e.ActualValue! > double.Parse(limit, System.Globalization.CultureInfo.InvariantCulture), e.ActualValue!.ToString());
    }

    [Theory(Timeout = 60_000)]
    [InlineData("BG/NBD", 1, 1e-12, 1e-12, 1e-12)]
    [InlineData("MBG/NBD", 1, 1e-12, 1e-12, 1e-12)]
    [InlineData("BG/NBD", 1e308, 2, 0.793, 2.426)]
    [InlineData("MBG/NBD", 1e308, 2, 1.2, 3.0)]
    public async Task Quantile_ExtremeParameters_AreRefusedAtOnce(string name, double r, double alpha, double a, double b)
    {
        // α = a = b = 1e-12: no dropout and a rate of 10^12 a week; r = 1e308: ln Γ(r + n) − ln Γ(r) is ∞ − ∞. Both used to
        // sum on towards n = int.MaxValue (the first with a conditional mean of 0 from the closed form, before its quadrature).
        PurchaseModel model = name == "BG/NBD" ? new BgNbdModel(r, alpha, a, b, TimeUnit.Week) : new MbgNbdModel(r, alpha, a, b, TimeUnit.Week);
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Task.Run(() => model.ConditionalPurchaseCountQuantile(0, 0, 0, 52, 0.9), TestContext.Current.CancellationToken));
        Assert.Equal("time", e.ParamName);
        Assert.StartsWith("The expected number of purchases in the horizon is ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountSum_ATermThatIsNotANumber_IsRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PurchaseModel.CountQuantiles(n => n < 3 ? 0.01 : double.NaN, 0, 1, 1e6, 0.05, 0.5, 0.95));
        Assert.Equal("time", e.ParamName);
        Assert.StartsWith("The probability of 3 purchases in the horizon is not a number: the model's parameters are beyond the range its purchase-count distribution can be evaluated in.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CountSum_AMeanComputedTooSmall_StopsAtFourTimesTheLimit()
    {
        // Terms of 1e-12 that never reach the level, under a mean of 0: the sum stops at 4 x 1,000 terms, not at int.MaxValue.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PurchaseModel.CountInterval(_ => 1e-12, 0, 0, 1000, 0.9));
        Assert.Equal("time", e.ParamName);
        Assert.StartsWith("The purchase count's probabilities, added one by one, had not reached the quantile's level by 4,000 purchases in the horizon (four times this model's limit of 1,000 expected purchases)", e.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task Quantile_ParetoNbdJustBelowItsLimit_IsSummedInSeconds()
    {
        // A new customer expected to buy about 2,800 times in 52 weeks: still summed (about a second), near the mean.
        var model = Model("Pareto/NBD", 1, 0.01);
        double mean = model.ConditionalExpectedPurchases(0, 0, 0, 52);
        int median = await Task.Run(() => model.ConditionalPurchaseCountQuantile(0, 0, 0, 52, 0.5), TestContext.Current.CancellationToken);
        Assert.InRange(mean, 1000, 5e3);
        Assert.InRange(median, 1, 2 * mean);
    }

    /// <summary>
    /// Dropout parameters at the robustness grid's edge (s = β = 1e-4) give the count a heavy tail: with 9,992 expected
    /// purchases the 95% quantile is near 30,000, and its 30,000 integral terms took 10 to 15 s under the former limit of
    /// 10,000. Now refused at once, naming the expected count.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Quantile_ParetoNbdHeavyTailAboveItsLimit_IsRefusedAtOnce()
    {
        var model = new ParetoNbdModel(1, 1e-4, 1e-4, 1e-4, TimeUnit.Week);
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Task.Run(() => model.ConditionalPurchaseCountQuantile(0, 0, 0, 1, 0.95), TestContext.Current.CancellationToken));
        Assert.Equal("time", e.ParamName);
        Assert.InRange((double)e.ActualValue!, 9_990, 9_995);   // the expected count: refused from the mean, before any term is summed
        Assert.StartsWith("The expected number of purchases in the horizon is 9992: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Quantile_BelowTheLimit_IsStillSummed(string name)
    {
        // About 3,000 expected purchases (3,000 in the last 30 weeks): summed as before, near the mean.
        var model = Model(name, 2, 1);
        double mean = model.ConditionalExpectedPurchases(3000, 30, 30, 30);
        int median = model.ConditionalPurchaseCountQuantile(3000, 30, 30, 30, 0.5);
        Assert.InRange(mean, 1000, 1e6);
        Assert.InRange(median, 0.5 * mean, 1.5 * mean);
    }

    [Fact(Timeout = 60_000)]
    public async Task Intervals_ACustomerWhoseCountCannotBeSummed_IsNamed()
    {
        // One customer bought on the last day (T = 0): nothing tempers the prior's rate of 10^12 a week.
        var customers = CustomerSummaries.FromTransactions(
            [new Transaction("a", new DateOnly(2024, 1, 3), 20), new Transaction("b", new DateOnly(2024, 6, 30), 40)], new DateOnly(2024, 6, 30), TimeUnit.Week);
        var fit = ParetoNbdModel.Fit(CdnowFits.Summaries);
        var model = new ParetoNbdModel(1, 1e-12, fit.Model.S, fit.Model.Beta, TimeUnit.Week);
        var huge = new FitResult<ParetoNbdModel>(model, FitStatus.Converged, "test", fit.LikelihoodLn, fit.Iterations, fit.Parameters, fit.ObservationCount, fit.ExcludedCount);
        var options = new PredictionIntervalOptions { Uncertainty = ParameterUncertainty.None };
        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Task.Run(() => PredictionIntervals.Compute(huge, CdnowFits.GammaGamma, customers, 39, options), TestContext.Current.CancellationToken));
        Assert.Equal("time", e.ParamName);
        Assert.StartsWith("Customer 'b' (x = 0, t_x = 0, T = 0 weeks): The expected number of purchases in the horizon is ", e.Message, StringComparison.Ordinal);

        var n = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Task.Run(() => PredictionIntervals.NewCustomer(huge, CdnowFits.GammaGamma, customers, options), TestContext.Current.CancellationToken));
        Assert.Equal("options", n.ParamName);
        Assert.StartsWith("A new customer over options.Clv's horizon (12 months): The expected number of purchases in the horizon is ", n.Message, StringComparison.Ordinal);
    }
}
