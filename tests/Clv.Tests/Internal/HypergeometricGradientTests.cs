using Clv.Internal;

namespace Clv.Tests.Internal;

/// <summary>The partial derivatives of ln |2F1(a, b; c; z)| summed alongside the series, on both the direct and the Euler path.</summary>
public class HypergeometricGradientTests
{
    [Theory]
    [InlineData(0.5, 1.5, 3.0, 0.4)] // direct series: |c − a| + |c − b| > |a| + |b|
    [InlineData(0.5, 0.25, 2.0, 0.9)] // direct, z near 1
    [InlineData(5.0, 6.0, 7.0, 0.7)] // Euler: c close to a + b
    [InlineData(40.25, 3.5, 42.0, 0.3)] // Euler
    [InlineData(500.0, 500.0, 300.0, 0.9)] // direct, terms beyond 1e308: the sums are rescaled as they go
    [InlineData(1200.5, 1199.25, 2400.1, 0.99)] // direct, rescaled
    public void Gradient_MatchesCentralDifferences(double a, double b, double c, double z)
    {
        Span<double> gradient = stackalloc double[4];
        double value = Hypergeometric.Hyp2F1Ln(a, b, c, z, out int sign, gradient);
        Assert.Equal(1, sign);
        Assert.Equal(Hypergeometric.Hyp2F1Ln(a, b, c, z, out _), value, 1e-12);

        double[] point = [a, b, c, z];
        for (int i = 0; i < 4; i++)
        {
            double h = 1e-6 * point[i];
            double[] up = [.. point], down = [.. point];
            up[i] += h;
            down[i] -= h;
            double numeric = (Hypergeometric.Hyp2F1Ln(up[0], up[1], up[2], up[3], out _) - Hypergeometric.Hyp2F1Ln(down[0], down[1], down[2], down[3], out _)) / (2 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 1e-6 * Math.Max(1, Math.Abs(numeric)), $"d/d{"abcz"[i]}: numeric {numeric:R}, analytic {gradient[i]:R}");
        }
    }

    [Fact]
    public void Value_AtZero_IsOne()
    {
        Assert.Equal(0.0, Hypergeometric.Hyp2F1Ln(3.5, 2.0, 4.0, 0.0, out int sign));
        Assert.Equal(1, sign);
        Assert.Equal(1.0, Hypergeometric.Hyp2F1(3.5, 2.0, 4.0, 0.0));
    }

    [Fact]
    public void Value_NegativeSum_HasNegativeSign()
    {
        // 2F1(−1, b; c; z) = 1 − b z / c, a polynomial: negative for b z > c.
        double value = Hypergeometric.Hyp2F1Ln(-1, 4.0, 1.0, 0.5, out int sign);
        Assert.Equal(-1, sign);
        Assert.Equal(Math.Log(1.0), value, 1e-14);
        Assert.Equal(-1.0, Hypergeometric.Hyp2F1(-1, 4.0, 1.0, 0.5), 1e-14);
    }
}
