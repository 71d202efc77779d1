using Clv.Internal;

namespace Clv.Tests.Internal;

public class HypergeometricTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.99)]
    public void Hyp2F1_OneOneTwo_EqualsLogClosedForm(double z)
    {
        double expected = -Math.Log(1 - z) / z;
        Assert.Equal(expected, Hypergeometric.Hyp2F1(1, 1, 2, z), expected * 1e-12);
    }

    [Theory]
    [InlineData(0.3, 2.5, 0.4)]
    [InlineData(10_000, 3.0, 0.7)]
    [InlineData(250.5, 0.25, 0.95)]
    public void Hyp2F1Ln_BEqualsC_EqualsPowerClosedForm(double a, double b, double z)
    {
        // 2F1(a, b; b; z) = (1 - z)^(-a): huge for large a, so compare logs.
        double expected = -a * Math.Log(1 - z);
        double actual = Hypergeometric.Hyp2F1Ln(a, b, b, z, out int sign);
        Assert.Equal(1, sign);
        Assert.Equal(expected, actual, Math.Abs(expected) * 1e-10 + 1e-12);
    }

    [Fact]
    public void Hyp2F1Ln_LargeParametersBothPaths_AgreeWithEachOther()
    {
        // Direct series and Euler's transformation give the same value (BG/NBD conditional expectation shape).
        double a = 0.25 + 5000, b = 2.5 + 5000, c = 0.8 + 2.5 + 5000 - 1, z = 0.6;
        double viaEuler = Hypergeometric.Hyp2F1Ln(a, b, c, z, out int s1);
        double euler = Math.Log(Math.Abs(Hypergeometric.Hyp2F1(c - a, c - b, c, z))) + ((c - a - b) * Math.Log(1 - z));
        Assert.Equal(1, s1);
        Assert.True(double.IsFinite(viaEuler));
        Assert.Equal(euler, viaEuler, 1e-9);
    }

    [Fact]
    public void Hyp2F1_KnownValue_MatchesReference()
    {
        // 2F1(0.5, 0.5; 1.5; z^2) = asin(z) / z
        double z = 0.8;
        Assert.Equal(Math.Asin(z) / z, Hypergeometric.Hyp2F1(0.5, 0.5, 1.5, z * z), 1e-13);
    }

    [Theory]
    [InlineData(3.5, 200, 4.5, 0.9, 454.277849450395)]
    [InlineData(10.5, 300, 12, 0.95, 889.312777012194)]
    [InlineData(5000.25, 5002.5, 5002.3, 0.6, 4581.86594101433)]
    public void Hyp2F1Ln_WhereEulerWouldAlternate_MatchesHighPrecisionReference(double a, double b, double c, double z, double expectedLn)
    {
        // References from mpmath at 30 digits. With c - b far below -1, Euler's transformation alternates in sign and
        // cancels; the direct (rescaled) series must be chosen instead.
        double actual = Hypergeometric.Hyp2F1Ln(a, b, c, z, out int sign);
        Assert.Equal(1, sign);
        Assert.Equal(expectedLn, actual, expectedLn * 1e-10);
    }

    [Theory]
    [InlineData(500, 500, 300, 0.9, 1688.3114931562225563, 1)]
    [InlineData(1200.5, 1199.25, 2400.1, 0.99, 1434.6156515408539715, 1)]
    [InlineData(1000.25, 1002.5, 1002.3, 0.6, 916.70281705850343182, 1)]
    [InlineData(-5.5, 3, 2, 0.9, -9.4966354809866020105, -1)]
    [InlineData(0.5, 0.75, 20.0, 0.999, 0.019845553917698766445, 1)]
    public void Hyp2F1Ln_TermsBeyondADoubleOrANegativeValue_MatchesHighPrecisionReference(double a, double b, double c, double z, double expectedLn, int expectedSign)
    {
        // References from mpmath at 50 digits. The first two sum the direct series through terms far beyond 1e308 (the
        // series is rescaled by 1e250 as it goes, and the scale is added back to the logarithm); the fourth is negative
        // (a below -1 makes the terms change sign).
        double actual = Hypergeometric.Hyp2F1Ln(a, b, c, z, out int sign);
        Assert.Equal(expectedSign, sign);
        Assert.Equal(expectedLn, actual, Math.Max(1, Math.Abs(expectedLn)) * 1e-12);
    }
    [Theory]
    [InlineData(-40.25, 1.5, 2.5, 0.9, -5.1457711348881018761, 0.036146764426174343878, -4.175180538642950266, 1.2400700015773885617, -1.6666666666666666255)]
    [InlineData(1.25, 60.5, 2.5, 0.95, 172.83909264752356644, 7.2442964795037714429, 2.9746842183905030979, -6.3148166427861047718, 1183.6901658400475637)]
    [InlineData(6000.25, 6000.5, 6001.25, 0.999, 41443.07792113089907, 6.9076303910121354511, 6.9075887651545619544, -6.9074638979979189947, 5999500.0001250258719)]
    [InlineData(0.5, 0.7, 6000.5, 0.999, 0.00005828081735984703915, 0.00011656648721537085219, 0.000083263163063772367961, -9.7144392105562685146e-9, 0.000058349844390170097916)]
    public void Hyp2F1Ln_WhereOnlyOnePathKeepsItsDigits_ChoosesThatPath(double a, double b, double c, double z, double expectedLn, double da, double db, double dc, double dz)
    {
        // References (value and d ln|2F1| / d(a, b, c, z)) from mpmath at 40 digits. Each case is one where the other
        // path, summed in doubles, is wrong: (1) a < -1, so the direct series alternates and loses 7e-6 of ln 2F1
        // (Euler's is sign-stable); (2) c - b < -1, so Euler's series alternates and its ln 2F1 is 4 % off (the direct
        // one is stable); (3) both are stable, but the direct series of a, b in the thousands with z near 1 is cut at a
        // million terms (ln 2F1 14 % off), while Euler's parameters are small; (4) the mirror image: Euler's parameters
        // are in the thousands.
        double value = Hypergeometric.Hyp2F1Ln(a, b, c, z, out int sign);
        Assert.Equal(1, sign);
        Assert.Equal(expectedLn, value, Math.Max(1, Math.Abs(expectedLn)) * 1e-12);

        Span<double> gradient = stackalloc double[4];
        Assert.Equal(value, Hypergeometric.Hyp2F1Ln(a, b, c, z, out int gradientSign, gradient), Math.Max(1, Math.Abs(expectedLn)) * 1e-12);
        Assert.Equal(1, gradientSign);
        double[] expected = [da, db, dc, dz];
        for (int i = 0; i < 4; i++)
        {
            Assert.True(Math.Abs(gradient[i] - expected[i]) <= 1e-9 * Math.Abs(expected[i]), $"d/d{"abcz"[i]}: {gradient[i]:R} against {expected[i]:R}");
        }
    }

    [Fact]
    public void Hyp2F1Ln_ASeriesThatDoesNotSettleInAMillionTerms_IsNaN_NotThePartialSum()
    {
        // 2F1(1e4, 0.5; -0.4; 52/52.5): c < 0 rules out Euler's form, and the direct terms rise for about 1e4 z/(1 - z) = 1.04e6 terms.
        // The sum after a million was returned as the value (ln 46,543, and BG/NBD's E[X(52)] = 12.95 from it where it is 242,919).
        double z = 52 / 52.5;
        Assert.True(double.IsNaN(Hypergeometric.Hyp2F1Ln(1e4, 0.5, -0.4, z, out int sign)));
        Assert.Equal(0, sign);
        Assert.True(double.IsNaN(Hypergeometric.Hyp2F1(1e4, 0.5, -0.4, z)));
        Span<double> gradient = stackalloc double[4];
        Assert.True(double.IsNaN(Hypergeometric.Hyp2F1Ln(1e4, 0.5, -0.4, z, out sign, gradient)));
        Assert.Equal(0, sign);
        Assert.True(double.IsNaN(gradient[0]) && double.IsNaN(gradient[3]));

        // Four times closer to the start (z = 52/54: about 2.6e5 terms) it still settles, to its value.
        Assert.True(double.IsFinite(Hypergeometric.Hyp2F1Ln(1e4, 0.5, -0.4, 52 / 54.0, out sign)));
        Assert.Equal(-1, sign);
    }
}
