using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// sBG with beta far below 1 (almost every subscriber churns at the first renewal). Beta + t - 1 was formed as (beta + t) - 1, exactly 0
/// at t = 1 once beta is below the rounding unit: r(1), S(1) and the likelihood's survivor terms were 0 (ln 0 = -infinity) instead of
/// beta/(alpha + beta), and DERL(1, 0) was 0 x infinity = NaN.
/// </summary>
public class ShiftedBetaGeometricTinyBetaTests
{
    [Theory]
    [InlineData(0.5, 1e-20)]
    [InlineData(1.0, 1e-300)]
    public void FirstPeriod_TinyBeta_KeepsTheRenewalChance(double alpha, double beta)
    {
        var model = new ShiftedBetaGeometricModel(alpha, beta);
        double renew = beta / (alpha + beta);
        Assert.Equal(renew, model.RetentionRate(1), 1e-12 * renew);
        Assert.Equal(renew, model.Survival(1), 1e-12 * renew);
        Assert.Equal(renew, model.SurvivalCurve(1)[1], 1e-12 * renew);
        var curve = new double[1];
        model.RetentionCurve(curve);
        Assert.Equal(renew, curve[0], 1e-12 * renew);

        // S(2) = r(1) r(2), r(2) = (beta + 1)/(alpha + beta + 1); P(T = 2) = S(1) alpha/(alpha + beta + 1).
        Assert.Equal(renew * (beta + 1) / (alpha + beta + 1), model.Survival(2), 1e-12 * renew);
        Assert.Equal(renew * alpha / (alpha + beta + 1), model.ChurnProbability(2), 1e-12 * renew);
    }

    [Fact]
    public void DiscountedExpectedResidualLifetime_AlphaOneUndiscounted_IsInfiniteLikeTheLifetime()
    {
        // alpha <= 1: the expected lifetime diverges for any beta > 0, so DERL at d = 0 is +infinity (was NaN).
        var model = new ShiftedBetaGeometricModel(1, 1e-300);
        Assert.Equal(double.PositiveInfinity, model.DiscountedExpectedLifetime(0));
        Assert.Equal(double.PositiveInfinity, model.DiscountedExpectedResidualLifetime(1, 0));
    }

    [Fact]
    public void LikelihoodLn_TinyBeta_SurvivorsHaveAFiniteLogLikelihood()
    {
        // 10 subscribers, 9 lost in period 1 and 1 still active after it: ln L = 9 ln(alpha/(alpha + beta)) + ln(beta/(alpha + beta)).
        const double Alpha = 0.5, Beta = 1e-20;
        double expected = (9 * Math.Log(Alpha / (Alpha + Beta))) + Math.Log(Beta / (Alpha + Beta));
        double actual = ShiftedBetaGeometricLikelihood.LikelihoodLn(Alpha, Beta, [10.0, 1.0], Span<double>.Empty);
        Assert.Equal(expected, actual, 1e-9);
    }
}
