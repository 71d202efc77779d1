using Clv.Internal;
using FsCheck;
using FsCheck.Fluent;

namespace Clv.Tests.Internal;

/// <summary>The log-space helpers of <see cref="SpecialMath"/>: ln(1 + x), eˣ − 1, and sums and differences of exponentials.</summary>
public class LogSpaceArithmeticTests
{
    private static void Relative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(1e-20)]
    [InlineData(-1e-20)]
    [InlineData(1e-10)]
    [InlineData(-3e-9)]
    public void Log1P_Tiny_KeepsEveryDigit(double x) =>
        Relative(x - (x * x / 2) + (x * x * x / 3), SpecialMath.Log1P(x), 1e-15);

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(-0.75)]
    [InlineData(1e6)]
    public void Log1P_Ordinary_IsLogOfOnePlusX(double x) =>
        Relative(Math.Log(1 + x), SpecialMath.Log1P(x), 1e-15);

    [Fact]
    public void Log1P_Zero_IsZero() => Assert.Equal(0.0, SpecialMath.Log1P(0.0));

    [Theory]
    [InlineData(1e-8)]
    [InlineData(-1e-8)]
    [InlineData(9e-6)]
    [InlineData(-9e-6)]
    public void ExpM1_Small_KeepsEveryDigit(double x) =>
        Relative(x + (x * x / 2) + (x * x * x / 6) + (x * x * x * x / 24), SpecialMath.ExpM1(x), 1e-15);

    [Theory]
    [InlineData(-2.0)]
    [InlineData(5.0)]
    [InlineData(-1.0)]
    [InlineData(1.0)]
    public void ExpM1_Large_IsExpMinusOne(double x) =>
        Relative(Math.Exp(x) - 1, SpecialMath.ExpM1(x), 1e-15);

    [Theory]
    [InlineData(1e-5)]
    [InlineData(-1e-5)]
    [InlineData(2e-5)]
    [InlineData(-1.5e-5)]
    [InlineData(3e-4)]
    [InlineData(0.3)]
    [InlineData(-0.7)]
    [InlineData(0.999)]
    public void ExpM1_BelowOne_KeepsEveryDigit(double x) =>
        // exp(x) - 1 loses 1e-16 / |x| to the rounding of exp(x): 1e-11 of relative error at 1e-5 (which the BG/BB expectation
        // near gamma = 1 showed in its twelfth digit). The Taylor series summed to convergence is the reference.
        Relative(Series(x), SpecialMath.ExpM1(x), 1e-15);

    [FsCheck.Xunit.Property(MaxTest = 2000)]
    public Property ExpM1_AnyXBelowOne_WithinTwoUnitsOfTheSeries() =>
        // x = ±m 10^-e, m in [1, 10), e in [1, 9]: every scale from 1e-9 to 1.
        Prop.ForAll(
            Arb.From(
                from m in Gen.Choose(1_000_000, 9_999_999)
                from e in Gen.Choose(1, 9)
                from negative in Gen.Elements(false, true)
                select (negative ? -1 : 1) * m * 1e-6 * Math.Pow(10, -e)),
            x =>
            {
                double reference = Series(x);
                return Math.Abs(SpecialMath.ExpM1(x) - reference) <= 4.5e-16 * Math.Abs(reference);
            });

    [Fact]
    public void ExpM1_Extremes_MinusOneAndInfinity()
    {
        Assert.Equal(-1.0, SpecialMath.ExpM1(-800));
        Assert.Equal(double.PositiveInfinity, SpecialMath.ExpM1(800));
        Assert.Equal(0.0, SpecialMath.ExpM1(0.0));
    }

    /// <summary>Σ x^k / k! from k = 1 until the terms stop changing the sum, small terms first.</summary>
    private static double Series(double x)
    {
        var terms = new List<double>();
        double term = x;
        for (int k = 2; Math.Abs(term) > 1e-40; k++)
        {
            terms.Add(term);
            term *= x / k;
        }

        double sum = 0;
        for (int i = terms.Count - 1; i >= 0; i--)
        {
            sum += terms[i];
        }

        return sum;
    }

    [Fact]
    public void LnAddExp_IsLogOfTheSum()
    {
        Relative(Math.Log(5), SpecialMath.LnAddExp(Math.Log(2), Math.Log(3)), 1e-15);
        Relative(Math.Log(5), SpecialMath.LnAddExp(Math.Log(3), Math.Log(2)), 1e-15);
        Relative(1000 + Math.Log(2), SpecialMath.LnAddExp(1000, 1000), 1e-15);
        Relative(-1000 + Math.Log(1 + Math.Exp(-3)), SpecialMath.LnAddExp(-1003, -1000), 1e-15);
    }

    [Fact]
    public void LnAddExp_MinusInfinity_IsTheOtherTerm()
    {
        Assert.Equal(1.5, SpecialMath.LnAddExp(double.NegativeInfinity, 1.5));
        Assert.Equal(1.5, SpecialMath.LnAddExp(1.5, double.NegativeInfinity));
        Assert.Equal(double.NegativeInfinity, SpecialMath.LnAddExp(double.NegativeInfinity, double.NegativeInfinity));
    }

    [Theory]
    [InlineData(5.0, 1, 3.0, 1, 2.0, 1)]
    [InlineData(3.0, 1, 5.0, 1, 2.0, -1)]
    [InlineData(5.0, -1, 3.0, -1, 2.0, -1)]
    [InlineData(3.0, -1, 5.0, -1, 2.0, 1)]
    [InlineData(3.0, 1, 5.0, -1, 8.0, 1)]
    [InlineData(3.0, -1, 5.0, 1, 8.0, -1)]
    [InlineData(7.0, 1, 5.0, 0, 7.0, 1)]
    [InlineData(7.0, 0, 5.0, 1, 5.0, -1)]
    [InlineData(7.0, 0, 5.0, -1, 5.0, 1)]
    [InlineData(1.0, 1, 0.999999999, 1, 1e-9, 1)]
    [InlineData(100.0, 1, 1.0, 1, 99.0, 1)]
    public void LnDiffExp_IsLogOfTheSignedDifference(double ea, int signA, double eb, int signB, double expected, int expectedSign)
    {
        double ln = SpecialMath.LnDiffExp(Math.Log(ea), signA, Math.Log(eb), signB, out int sign);
        Assert.Equal(expectedSign, sign);
        Relative(Math.Log(expected), ln, 1e-6);
    }

    [Fact]
    public void LnDiffExp_CloseTerms_KeepTheirDigits()
    {
        // ln(e^0 − e^(−1e-12)) = ln(1 − e^(−1e-12)) ≈ ln(1e-12 − 5e-25): needs the ExpM1 branch.
        double ln = SpecialMath.LnDiffExp(0, 1, -1e-12, 1, out int sign);
        Assert.Equal(1, sign);
        Relative(Math.Log(1e-12 - 5e-25), ln, 1e-12);

        // A wide gap goes through ln(1 − e^x) = Log1P(−e^x): ln(1 − e^−50) = −e^−50 to all digits.
        double wide = SpecialMath.LnDiffExp(0, 1, -50, 1, out sign);
        Assert.Equal(1, sign);
        Relative(-Math.Exp(-50), wide, 1e-12);
    }

    [Fact]
    public void LnDiffExp_EqualTermsOrMinusInfinity()
    {
        Assert.Equal(double.NegativeInfinity, SpecialMath.LnDiffExp(2.0, 1, 2.0, 1, out int sign));
        Assert.Equal(0, sign);
        Assert.Equal(2.0, SpecialMath.LnDiffExp(2.0, 1, double.NegativeInfinity, 1, out sign));
        Assert.Equal(1, sign);
        Assert.Equal(2.0, SpecialMath.LnDiffExp(double.NegativeInfinity, 1, 2.0, 1, out sign));
        Assert.Equal(-1, sign);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-50.0)]
    [InlineData(10.0)]
    [InlineData(34.0)]
    [InlineData(36.0)]
    [InlineData(700.0)]
    public void Log1PExp_IsLogOfOnePlusExp(double v)
    {
        double expected = v > 0 ? v + Math.Log(1 + Math.Exp(-v)) : Math.Log(1 + Math.Exp(v));
        if (v < -30)
        {
            expected = Math.Exp(v);
        }

        Relative(expected, SpecialMath.Log1PExp(v), 1e-15);
    }

    [Theory]
    [InlineData(710.0)]
    [InlineData(1e300)]
    [InlineData(double.PositiveInfinity)]
    public void Log1PExp_BeyondWhereExpOverflows_IsV(double v)
    {
        // e^v overflows above 709.78: ln(1 + e^v) = v there (to double precision), never NaN.
        Assert.Equal(v, SpecialMath.Log1PExp(v));
    }
}
