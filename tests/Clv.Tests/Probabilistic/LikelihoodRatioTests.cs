using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// <see cref="LikelihoodRatioTest.Compare"/>: D = 2 (ℓ_full − ℓ_restricted) against χ² with the added parameters as degrees
/// of freedom (p-values checked against χ² quantiles computed with mpmath), D floored at 0 with p = 1, and each refused pair of fits with its
/// message: no added parameter, other customers, a log-likelihood that is not finite, a null.
/// </summary>
public class LikelihoodRatioTests
{
    [Theory]
    [InlineData(-1000.0, -998.07927058965, 1, 0.05)]
    [InlineData(-1000.0, -997.00426772645, 2, 0.05)]
    [InlineData(-1000.0, -996.68255169949, 1, 0.01)]
    [InlineData(-500.0, -494.16607829808, 4, 0.02)]
    public void Compare_ChiSquarePValues(double restricted, double full, int added, double p)
    {
        var test = LikelihoodRatioTest.Compare(Fit(3, restricted), Fit(3 + added, full));
        Assert.Equal(2 * (full - restricted), test.Statistic, 1e-9);
        Assert.Equal(added, test.DegreesOfFreedom);
        Assert.Equal(p, test.PValue, 1e-9);
    }

    [Theory]
    [InlineData(-1000.0)]
    [InlineData(-1000.5)]
    public void Compare_FullNoBetter_StatisticZeroPValueOne(double full)
    {
        var test = LikelihoodRatioTest.Compare(Fit(3, -1000), Fit(5, full));
        Assert.Equal(0, test.Statistic);
        Assert.Equal(1, test.PValue);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public void Compare_NoAddedParameter_Refused(int fullParameters)
    {
        var ex = Assert.Throws<ArgumentException>(() => LikelihoodRatioTest.Compare(Fit(3, -10), Fit(fullParameters, -9)));
        Assert.Equal("full", ex.ParamName);
        Assert.StartsWith($"The full fit has {fullParameters} parameters and the restricted one 3; the full model must add parameters.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_OtherCustomers_Refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => LikelihoodRatioTest.Compare(Fit(3, -10, 100), Fit(4, -9, 101)));
        Assert.Equal("full", ex.ParamName);
        Assert.StartsWith("The fits are of 100 and 101 customers; fit both to the same customers.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, -9.0, "NaN, -9")]
    [InlineData(-10.0, double.NegativeInfinity, "-10, -Infinity")]
    [InlineData(-10.0, double.NaN, "-10, NaN")]
    public void Compare_NonFiniteLikelihood_Refused(double restricted, double full, string shown)
    {
        var ex = Assert.Throws<ArgumentException>(() => LikelihoodRatioTest.Compare(Fit(3, restricted), Fit(4, full)));
        Assert.Equal("full", ex.ParamName);
        Assert.StartsWith($"A log-likelihood is not finite ({shown}).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_Null_NamesTheArgument()
    {
        Assert.Equal("restricted", Assert.Throws<ArgumentNullException>(() => LikelihoodRatioTest.Compare<GammaGammaModel, GammaGammaModel>(null!, Fit(4, -9))).ParamName);
        Assert.Equal("full", Assert.Throws<ArgumentNullException>(() => LikelihoodRatioTest.Compare<GammaGammaModel, GammaGammaModel>(Fit(3, -9), null!)).ParamName);
    }

    /// <summary>A fit result with <paramref name="parameters"/> parameters and the given log-likelihood (the model is a placeholder).</summary>
    private static FitResult<GammaGammaModel> Fit(int parameters, double likelihoodLn, long customers = 100) =>
        new(
            new GammaGammaModel(6, 4, 15),
            FitStatus.Converged,
            string.Empty,
            likelihoodLn,
            10,
            [.. Enumerable.Range(0, parameters).Select(i => new FittedParameter("p" + i, 1, 0.1))],
            customers,
            0);
}
