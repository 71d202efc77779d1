using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The sBG model at periods up to <see cref="int.MaxValue"/>: survival and churn in bounded time (the closed form beyond the
/// product), finite and monotone, and the period limits of the survival curve and the record fit.
/// </summary>
public class ShiftedBetaGeometricLargePeriodTests
{
    private static readonly ShiftedBetaGeometricModel Model = new(0.668, 3.806);

    private static T WithinSeconds<T>(Func<T> f, double seconds = 10)
    {
        var task = Task.Run(f);
        Assert.True(task.Wait(TimeSpan.FromSeconds(seconds)), "The call did not return in time.");
        return task.Result;
    }

    /// <summary>The published recursion, term by term, as the model computed S(t) for every t before.</summary>
    private static double Product(double alpha, double beta, int t)
    {
        double lnS = 0;
        for (int k = 1; k <= t; k++)
        {
            lnS += Math.Log((beta + (k - 1)) / (alpha + beta + (k - 1)));
        }

        return Math.Exp(lnS);
    }

    [Fact]
    public void Survival_AtIntMaxValue_ReturnsQuicklyAFiniteProbability()
    {
        double s = WithinSeconds(() => Model.Survival(int.MaxValue));

        Assert.True(double.IsFinite(s) && s >= 0 && s <= 1, $"S(int.MaxValue) = {s}");
        Assert.True(s > 0, "S(t) ~ t^-alpha is about 6e-7 here, not 0.");
    }

    [Fact]
    public void ChurnProbability_AtLargePeriods_ReturnsQuicklyAndFinite()
    {
        double p = WithinSeconds(() => Model.ChurnProbability(1_000_000_000) + Model.ChurnProbability(int.MaxValue));

        Assert.True(double.IsFinite(p) && p > 0 && p < 1, $"P = {p}");
    }

    [Fact]
    public void Survival_AtLargePeriods_IsMonotoneNonIncreasing() => WithinSeconds(MonotoneNonIncreasing, 30);

    private static bool MonotoneNonIncreasing()
    {
        int[] starts = [1001, 1_000_000, 100_000_000, int.MaxValue - 200];
        foreach (int start in starts)
        {
            double previous = Model.Survival(start - 1);
            for (int t = start; t < start + 200 && t > 0; t++)
            {
                double s = Model.Survival(t);
                Assert.True(s <= previous && s >= 0, $"S({t}) = {s:R} > S({t - 1}) = {previous:R}");
                previous = s;
            }
        }

        double last = 1;
        for (int t = 1; t > 0 && t <= int.MaxValue / 2; t *= 2)
        {
            double s = Model.Survival(t);
            Assert.True(s <= last, $"S({t}) = {s:R} > {last:R}");
            last = s;
        }

        return true;
    }

    [Theory]
    [InlineData(0.668, 3.806)]
    [InlineData(0.704, 1.182)]
    [InlineData(3.5, 0.2)]
    [InlineData(40, 900)]
    public void Survival_ClosedFormBeyondTheProduct_AgreesWithTheProduct(double alpha, double beta)
    {
        var model = new ShiftedBetaGeometricModel(alpha, beta);
        var curve = model.SurvivalCurve(1100);
        for (int t = 1000; t <= 1100; t++)
        {
            double exact = Product(alpha, beta, t);
            Assert.True(Math.Abs(model.Survival(t) - exact) <= 1e-10 * exact, $"S({t}) = {model.Survival(t):R}, product {exact:R}");
            Assert.Equal(model.Survival(t), curve[t]);
        }

        Assert.Equal(Product(alpha, beta, 1000), model.Survival(1000));
        Assert.Equal(Product(alpha, beta, 37), model.Survival(37));
    }

    [Fact]
    public void SurvivalCurve_BeyondTheLargestArray_ThrowsNamingPeriods()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Model.SurvivalCurve(int.MaxValue));

        Assert.Equal("periods", e.ParamName);
        Assert.Contains($"periods must be less than {Array.MaxLength} (the largest array length), but was {int.MaxValue}.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitRecords_PeriodsBeyondTheLimit_ThrowsNamingTheRecord()
    {
        ContractRecord[] records = [new(1, false, 30), new(2, false, 20), new(int.MaxValue, false)];

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedBetaGeometricModel.Fit(records, null));

        Assert.Equal("records", e.ParamName);
        Assert.Contains($"records[2].Periods must be at most 1000000, but was {int.MaxValue}.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitRecords_AtTheLimit_IsAccepted()
    {
        ContractRecord[] records = [new(1, false, 30), new(2, false, 20), new(1_000_000, true)];

        var fit = ShiftedBetaGeometricModel.Fit(records, null);

        Assert.True(fit.Model.Alpha > 0 && fit.Model.Beta > 0);
    }
}
