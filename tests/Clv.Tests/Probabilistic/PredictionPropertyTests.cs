using Clv.Probabilistic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Probabilistic;

public class PredictionPropertyTests
{
    private static readonly BgNbdModel Bg = CdnowFits.Fitted;
    private static readonly MbgNbdModel Mbg = new(0.524838, 6.182990, 0.891356, 1.614000, TimeUnit.Week);

    [Property(MaxTest = 300)]
    public bool ProbabilityAlive_AnyHistory_InUnitIntervalAndOneWithoutRepeats(PositiveInt xRaw, NormalFloat u, NormalFloat v)
    {
        int x = xRaw.Get % 500;
        double age = 100 * Frac(u.Get);
        double recency = x == 0 ? 0 : age * Frac(v.Get);
        double bg = Bg.ProbabilityAlive(x, recency, age);
        double mbg = Mbg.ProbabilityAlive(x, recency, age);
        return bg is >= 0 and <= 1 && mbg is >= 0 and <= 1 && Bg.ProbabilityAlive(0, 0, age) == 1 && Mbg.ProbabilityAlive(0, 0, age) < 1;
    }

    [Property(MaxTest = 200)]
    public bool ExpectedPurchases_AnyTimes_NonDecreasing(NormalFloat u, NormalFloat v)
    {
        double t1 = 200 * Frac(u.Get), t2 = t1 + (50 * Frac(v.Get));
        return Bg.ExpectedPurchases(t1) <= Bg.ExpectedPurchases(t2) + 1e-12 && Mbg.ExpectedPurchases(t1) <= Mbg.ExpectedPurchases(t2) + 1e-12;
    }

    [Property(MaxTest = 100)]
    public bool ConditionalExpectedPurchases_AnyHorizons_NonDecreasing(PositiveInt xRaw, NormalFloat u, NormalFloat v, NormalFloat w)
    {
        int x = xRaw.Get % 50;
        double age = 0.01 + (60 * Frac(u.Get));
        double recency = x == 0 ? 0 : age * Frac(v.Get);
        double t1 = 100 * Frac(w.Get);
        return Bg.ConditionalExpectedPurchases(x, recency, age, t1) <= Bg.ConditionalExpectedPurchases(x, recency, age, t1 + 1) + 1e-12;
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(39)]
    [InlineData(150)]
    public void PurchaseCountProbability_SummedOverCounts_IsOne(double t)
    {
        double bg = 0, mbg = 0;
        for (int n = 0; n < 3000; n++)
        {
            bg += Bg.PurchaseCountProbability(n, t);
            mbg += Mbg.PurchaseCountProbability(n, t);
        }

        Assert.Equal(1, bg, 1e-6);
        Assert.Equal(1, mbg, 1e-6);
    }

    [Fact]
    public void PurchaseCountProbability_MeanOfCounts_EqualsExpectedPurchases()
    {
        double mean = 0;
        for (int n = 1; n < 3000; n++)
        {
            mean += n * Bg.PurchaseCountProbability(n, 39);
        }

        Assert.Equal(Bg.ExpectedPurchases(39), mean, 1e-4);
        double mbgMean = 0;
        for (int n = 1; n < 3000; n++)
        {
            mbgMean += n * Mbg.PurchaseCountProbability(n, 39);
        }

        Assert.Equal(Mbg.ExpectedPurchases(39), mbgMean, 1e-4);
    }

    [Fact]
    public void Batch_CdnowCustomers_EqualsScalarExactly()
    {
        var customers = CdnowFits.Summaries;
        var span = customers.AsSpan();
        var alive = new double[span.Length];
        var expected = new double[span.Length];
        Bg.ProbabilityAlive(span, alive);
        Bg.ConditionalExpectedPurchases(span, 39, expected);
        var aliveArray = Mbg.ProbabilityAlive(customers);
        var expectedArray = Mbg.ConditionalExpectedPurchases(customers, 39);
        for (int i = 0; i < span.Length; i++)
        {
            Assert.Equal(Bg.ProbabilityAlive(span[i]), alive[i]);
            Assert.Equal(Bg.ConditionalExpectedPurchases(span[i], 39), expected[i]);
            Assert.Equal(Mbg.ProbabilityAlive(span[i]), aliveArray[i]);
            Assert.Equal(Mbg.ConditionalExpectedPurchases(span[i], 39), expectedArray[i]);
        }
    }

    [Fact]
    public void Batch_LengthMismatch_Throws() =>
        Assert.Throws<ArgumentException>(() => Bg.ProbabilityAlive(CdnowFits.Summaries.AsSpan(), new double[3]));

    [Fact]
    public void ProbabilityOfPurchase_Cdnow_BelowProbabilityAliveAndGrowsWithHorizon()
    {
        double p13 = Bg.ProbabilityOfAnyPurchase(2, 30.43, 38.86, 13), p52 = Bg.ProbabilityOfAnyPurchase(2, 30.43, 38.86, 52);
        Assert.InRange(p13, 0.05, p52);
        Assert.True(p52 < Bg.ProbabilityAlive(2, 30.43, 38.86));

        // 1 - P(no purchase) from the posterior: P(alive) (1 - ((α + T)/(α + T + t))^(r + x)).
        double expected = Bg.ProbabilityAlive(2, 30.43, 38.86) * (1 - Math.Pow((Bg.Alpha + 38.86) / (Bg.Alpha + 38.86 + 13), Bg.R + 2));
        Assert.Equal(expected, p13, 12);
    }

    [Fact]
    public void Predictions_InvalidArguments_ThrowNamingTheParameter()
    {
        Assert.Equal("recency", Assert.Throws<ArgumentException>(() => Bg.ProbabilityAlive(2, 40, 39)).ParamName);
        Assert.Equal("age", Assert.Throws<ArgumentOutOfRangeException>(() => Bg.ProbabilityAlive(2, 1, double.NaN)).ParamName);
        Assert.Equal("frequency", Assert.Throws<ArgumentOutOfRangeException>(() => Bg.ProbabilityAlive(-1, 0, 1)).ParamName);
        Assert.Equal("time", Assert.Throws<ArgumentOutOfRangeException>(() => Bg.ExpectedPurchases(-1)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => new BgNbdModel(1, 0, 1, 1, TimeUnit.Week)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentOutOfRangeException>(() => new MbgNbdModel(1, 1, 1, double.PositiveInfinity, TimeUnit.Week)).ParamName);
        Assert.Equal("q", Assert.Throws<ArgumentOutOfRangeException>(() => new GammaGammaModel(1, double.NaN, 1)).ParamName);
    }

    [Fact]
    public void ExpectedPurchases_ANearOne_ContinuousAcrossTheRemovableSingularity()
    {
        double below = new BgNbdModel(0.25, 4, 0.999, 2.5, TimeUnit.Week).ExpectedPurchases(30);
        double at = new BgNbdModel(0.25, 4, 1, 2.5, TimeUnit.Week).ExpectedPurchases(30);
        double above = new BgNbdModel(0.25, 4, 1.001, 2.5, TimeUnit.Week).ExpectedPurchases(30);
        Assert.InRange(at, Math.Min(below, above) - 1e-6, Math.Max(below, above) + 1e-6);
        double cBelow = new MbgNbdModel(0.25, 4, 0.999, 2.5, TimeUnit.Week).ConditionalExpectedPurchases(3, 20, 30, 52);
        double cAt = new MbgNbdModel(0.25, 4, 1, 2.5, TimeUnit.Week).ConditionalExpectedPurchases(3, 20, 30, 52);
        Assert.Equal(cBelow, cAt, 2e-3);
    }

    private static double Frac(double v) => double.IsFinite(v) ? Math.Abs(v) % 1.0 : 0.5;
}
