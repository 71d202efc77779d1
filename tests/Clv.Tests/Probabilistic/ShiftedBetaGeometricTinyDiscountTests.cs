using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// sBG discounted lifetimes at discount rates near 0: DEL = 2F1(1, β; α + β; 1/(1 + d)) was NaN at d = 1e-17 with α ≤ 1
/// (1/(1 + d) rounds to 1, and 1 - z to 0) and lost digits at d = 1e-12 (1 - z carried 1e-4 of relative error). The
/// connection formula now gets 1 - z = d/(1 + d) exactly. References: mpmath 1.3 hyp2f1 at 40 digits.
/// </summary>
public class ShiftedBetaGeometricTinyDiscountTests
{
    public static TheoryData<double, double, double, double> Lifetimes => new()
    {
        { 0.704, 1.182, 1e-17, 338597.57838081903224 },
        { 0.704, 1.182, 1e-20, 2616297.8847189544597 },
        { 0.704, 1.182, 1e-12, 11209.12545842221657 },
        { 0.5, 2.0, 1e-17, 745094116.93470760748 },
        { 0.5, 2.0, 1e-20, 23561944898.923449289 },
        { 0.5, 2.0, 1e-12, 2356191.4901970573138 },
        { 1.0, 1.182, 1e-17, 45.954772619939451058 },
        { 1.0, 1.182, 1e-20, 54.11973935969633608 },
        { 1.0, 1.182, 1e-12, 32.346494720384271884 },
        { 0.2, 0.8, 1e-17, 39810717055349.7946 },
        { 0.2, 0.8, 1e-20, 10000000000000020.451 },
        { 0.2, 0.8, 1e-12, 3981071705.5381622501 },
        { 1.5, 2.0, 1e-17, 4.9999999627452942033 },
        { 1.5, 2.0, 1e-20, 4.9999999988219027551 },
        { 1.5, 2.0, 1e-12, 4.9999882190475490147 },
    };

    [Theory]
    [MemberData(nameof(Lifetimes))]
    public void DiscountedExpectedLifetime_TinyRate_MatchesTheReference(double alpha, double beta, double rate, double expected)
    {
        double value = new ShiftedBetaGeometricModel(alpha, beta).DiscountedExpectedLifetime(rate);
        Assert.True(Math.Abs(value - expected) <= 1e-9 * expected, $"DEL = {value:R}, reference {expected:R}");
    }

    [Theory]
    [InlineData(1, 1e-17, 338596.57838081856151)]
    [InlineData(1000, 1e-17, 42267066.861920968232)]
    public void DiscountedExpectedResidualLifetime_TinyRate_MatchesTheReference(int n, double rate, double expected)
    {
        double value = new ShiftedBetaGeometricModel(0.704, 1.182).DiscountedExpectedResidualLifetime(n, rate);
        Assert.True(Math.Abs(value - expected) <= 1e-9 * expected, $"DERL = {value:R}, reference {expected:R}");
    }
}
