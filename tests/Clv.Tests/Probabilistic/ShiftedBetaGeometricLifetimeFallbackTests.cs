using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// sBG discounted lifetimes where the 2F1 form fails: DERL(1e9, 1e-6) at (0.704, 1.182) was −∞ (the connection formula's
/// terms cancel) and DEL at (α 2, β 1e300) NaN. They now come from the expectation over the churn probability
/// (<c>ShiftedBetaGeometricLifetime</c>), which is checked against the 2F1 form where that is sound. References: mpmath 1.3.
/// </summary>
public class ShiftedBetaGeometricLifetimeFallbackTests
{
    [Theory]
    [InlineData(1_000_000_000, 1e-6, 999298.19497920953511)]
    [InlineData(10_000_000, 1e-4, 9993.9705587850192891)]
    public void DiscountedExpectedResidualLifetime_HugeRenewalNumber_MatchesTheReference(int n, double rate, double expected)
    {
        double value = new ShiftedBetaGeometricModel(0.704, 1.182).DiscountedExpectedResidualLifetime(n, rate);
        Assert.True(Math.Abs(value - expected) <= 1e-9 * expected, $"DERL = {value:R}, reference {expected:R}");
    }

    [Theory]
    [InlineData(0.1, 11.0)]
    [InlineData(1e-3, 1001.0)]
    public void DiscountedExpectedLifetime_HugeBeta_MatchesTheReference(double rate, double expected)
    {
        double value = new ShiftedBetaGeometricModel(2, 1e300).DiscountedExpectedLifetime(rate);
        Assert.True(Math.Abs(value - expected) <= 1e-12 * expected, $"DEL = {value:R}, reference {expected:R}");
    }

    public static TheoryData<double, double, int, double> Ordinary
    {
        get
        {
            var data = new TheoryData<double, double, int, double>();
            foreach (double alpha in (double[])[0.05, 0.704, 1, 3.5, 40])
            {
                foreach (double beta in (double[])[0.3, 1.182, 25])
                {
                    foreach (int n in (int[])[1, 7, 200])
                    {
                        foreach (double rate in (double[])[1e-3, 0.1, 2])
                        {
                            data.Add(alpha, beta, n, rate);
                        }
                    }
                }
            }

            return data;
        }
    }

    /// <summary>The expectation over the churn probability and the 2F1 form agree wherever the latter is sound.</summary>
    [Theory]
    [MemberData(nameof(Ordinary))]
    public void Expectation_AgreesWithTheHypergeometricForm(double alpha, double beta, int n, double rate)
    {
        var model = new ShiftedBetaGeometricModel(alpha, beta);
        double del = model.DiscountedExpectedLifetime(rate);
        double derl = model.DiscountedExpectedResidualLifetime(n, rate);
        Assert.Equal(del, ShiftedBetaGeometricLifetime.Expected(alpha, beta, 0, rate), 1e-9 * del);
        Assert.Equal(derl, ShiftedBetaGeometricLifetime.Expected(alpha, beta + (n - 1), 1, rate), 1e-9 * derl);
    }
}
