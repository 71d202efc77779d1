using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>The analytic gradient of the Pareto/NBD tail term agrees with central differences in every branch.</summary>
public class ParetoNbdTailGradientTests
{
    public static TheoryData<double, double, double, double, int, double> Cases => new()
    {
        { 0.55, 10.6, 0.61, 11.7, 2, 30 },     // alpha < beta, series
        { 0.55, 11.7, 0.61, 10.6, 2, 30 },     // alpha > beta, series
        { 0.5, 0.5, 5, 20, 0, 0 },             // alpha << beta at t = 0: z > 0.95, quadrature
        { 0.5, 20, 5, 0.5, 0, 0 },             // alpha >> beta at t = 0: quadrature
        { 0.5, 20, 5, 0.5, 3, 0.2 },
        { 3, 50, 0.2, 20, 200, 40 },           // large x
        { 0.1, 0.5, 0.2, 0.5, 1, 10 },         // alpha == beta: z = 0
        { 2, 1e-3, 0.3, 100, 5, 1e-4 },        // z within 1e-5 of 1
        { 0.8, 6, 0.5, 4, 1000, 52 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void LnTail_AnalyticGradient_MatchesCentralDifferences(double r, double alpha, double s, double beta, int x, double t) =>
        AssertGradient(r, alpha, s, beta, x, t, valueTolerance: 1e-12, step: 1e-5, gradientTolerance: 1e-6);

    /// <summary>
    /// The tail's analytic gradient in (ln r, ln α, ln s, ln β) against central differences of the value (within
    /// <paramref name="gradientTolerance"/> of 1 + |numeric|), and the value against the gradient-free overload.
    /// </summary>
    internal static void AssertGradient(double r, double alpha, double s, double beta, int x, double t, double valueTolerance, double step, double gradientTolerance)
    {
        Span<double> gradient = stackalloc double[4];
        double value = ParetoNbdMath.LnTail(r, alpha, s, beta, x, t, gradient);
        Assert.Equal(ParetoNbdMath.LnTail(r, alpha, s, beta, x, t, out _), value, Math.Abs(value) * valueTolerance);
        double[] theta = [Math.Log(r), Math.Log(alpha), Math.Log(s), Math.Log(beta)];
        for (int j = 0; j < 4; j++)
        {
            double up = Tail(theta, j, step, x, t), down = Tail(theta, j, -step, x, t);
            double numeric = (up - down) / (2 * step);
            Assert.True(Math.Abs(gradient[j] - numeric) <= gradientTolerance * (1 + Math.Abs(numeric)), $"x = {x}, t = {t}, d/dθ{j}: analytic {gradient[j]}, numeric {numeric}");
        }
    }

    private static double Tail(double[] theta, int j, double step, int x, double t)
    {
        var p = theta.Select((v, i) => Math.Exp(i == j ? v + step : v)).ToArray();
        return ParetoNbdMath.LnTail(p[0], p[1], p[2], p[3], x, t, out _);
    }
}
