using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

public class ShiftedBetaGeometricModelTests
{
    private static readonly double[] Regular = [100, 63.1, 46.8, 38.2, 32.6, 28.9, 26.2, 24.1];
    private static readonly double[] HighEnd = [100, 86.9, 74.3, 65.3, 59.3, 55.1, 51.7, 49.1];

    public static TheoryData<string, double, double, double, double, double> Cohorts => new()
    {
        { "regular", 0.704, 1.182, -1680.27, 3.695, 2.964 },
        { "highend", 0.668, 3.806, -1611.16, 5.923, 5.415 },
    };

    private static double[] Percentages(string cohort) => cohort == "regular" ? Regular : HighEnd;

    [Theory]
    [MemberData(nameof(Cohorts))]
    public void FitPercentAlive_ReferenceCohorts_ReproducesPublishedTable(string cohort, double alpha, double beta, double ll, double del, double derl1)
    {
        var fit = ShiftedBetaGeometricModel.FitPercentAlive(Percentages(cohort), 1000);

        // The published parameters are rounded to 3 decimals; 1e-3 relative is the reference tolerance.
        Assert.Equal(alpha, fit.Model.Alpha, alpha * 1e-3);
        Assert.Equal(beta, fit.Model.Beta, beta * 1e-3);
        Assert.Equal(ll, fit.LikelihoodLn, 1e-2);
        Assert.Equal(del, fit.Model.DiscountedExpectedLifetime(0.1), 1e-3);
        Assert.Equal(derl1, fit.Model.DiscountedExpectedResidualLifetime(1, 0.1), 1e-3);
        Assert.Equal(1000, fit.ObservationCount);
        Assert.Equal(2, fit.Parameters.Count);
        Assert.True(fit.Parameters[0].StandardError > 0 && fit.Parameters[1].StandardError > 0);
    }

    [Fact]
    public void Fit_IntegerCountsOfHighEndCohort_MatchesPercentFitAndRetentionRates()
    {
        int[] alive = [1000, 869, 743, 653, 593, 551, 517, 491];
        var model = ShiftedBetaGeometricModel.Fit(alive).Model;

        Assert.Equal(0.851, model.RetentionRate(1), 1e-3);
        Assert.Equal(0.878, model.RetentionRate(2), 1e-3);
        Assert.Equal(0.897, model.RetentionRate(3), 1e-3);
        Assert.Equal(7.530, model.DiscountedExpectedResidualLifetime(8, 0.1), 1e-3);
        Span<double> curve = stackalloc double[3];
        model.RetentionCurve(curve);
        Assert.Equal(model.RetentionRate(3), curve[2], 1e-15);
    }

    [Fact]
    public void Fit_TwentyFourPeriodCohort_RecoversTheGeneratingParameters()
    {
        var truth = new ShiftedBetaGeometricModel(0.7, 1.2);
        var alive = new int[25];
        var s = truth.SurvivalCurve(24);
        for (int t = 0; t < alive.Length; t++)
        {
            alive[t] = (int)Math.Round(100_000 * s[t]);
        }

        // Timing is measured by SbgFitBenchmarks, never in a unit test (machines are shared and noisy).
        var fit = ShiftedBetaGeometricModel.Fit(alive);

        Assert.Equal(0.7, fit.Model.Alpha, 0.01);
        Assert.Equal(1.2, fit.Model.Beta, 0.02);
    }

    [Fact]
    public void DiscountedExpectedLifetime_EqualsDiscountedSumOfSurvival()
    {
        var model = new ShiftedBetaGeometricModel(0.668, 3.806);
        var s = model.SurvivalCurve(20_000);
        double sum = 0;
        for (int t = 0; t < s.Length; t++)
        {
            sum += s[t] / Math.Pow(1.1, t);
        }

        Assert.Equal(sum, model.DiscountedExpectedLifetime(0.1), 1e-9);
        Assert.Equal(1 + (model.DiscountedExpectedResidualLifetime(1, 0.1) / 1.1), model.DiscountedExpectedLifetime(0.1), 1e-9);
    }

    [Fact]
    public void DiscountedExpectedResidualLifetime_AtZeroRateWithAlphaAboveOne_IsExpectedResidualLifetime()
    {
        var model = new ShiftedBetaGeometricModel(2.5, 3);

        Assert.Equal(4.5 / 1.5, model.DiscountedExpectedLifetime(0), 1e-12);
        Assert.Equal(3.0 / 1.5, model.DiscountedExpectedResidualLifetime(1, 0), 1e-12);
        Assert.Equal(model.DiscountedExpectedLifetime(1e-9), model.DiscountedExpectedLifetime(0), 1e-5);
        Assert.True(double.IsPositiveInfinity(new ShiftedBetaGeometricModel(0.7, 1).DiscountedExpectedLifetime(0)));
    }

    [Fact]
    public void DiscountRateOverloads_ConvertAnnualRateToContractPeriod()
    {
        var model = new ShiftedBetaGeometricModel(0.668, 3.806);
        var annual = DiscountRate.Annual(0.1);
        double monthly = Math.Pow(1.1, 1.0 / 12) - 1;

        Assert.Equal(model.DiscountedExpectedLifetime(monthly), model.DiscountedExpectedLifetime(annual, TimeUnit.Month), 1e-9);
        Assert.Equal(model.DiscountedExpectedResidualLifetime(3, 0.1), model.DiscountedExpectedResidualLifetime(3, annual, TimeUnit.Year), 1e-12);
    }

    [Fact]
    public void ChurnProbabilityAndSurvival_AreConsistent()
    {
        var model = new ShiftedBetaGeometricModel(0.704, 1.182);
        double survival = 1;
        for (int t = 1; t <= 30; t++)
        {
            survival -= model.ChurnProbability(t);
            Assert.Equal(survival, model.Survival(t), 1e-12);
            Assert.Equal(model.Survival(t - 1) * model.RetentionRate(t), model.Survival(t), 1e-12);
        }
    }

    [Fact]
    public void ResidualValue_IsMarginTimesDerl_ScalarAndBatch()
    {
        var model = new ShiftedBetaGeometricModel(0.668, 3.806);
        double[] margins = [10, 20, 30];
        int[] renewals = [1, 8, 8];
        var values = new double[3];
        model.ResidualValue(margins, renewals, 0.1, values);

        Assert.Equal(75.30, model.ResidualValue(10, 8, 0.1), 1e-2);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(model.ResidualValue(margins[i], renewals[i], 0.1), values[i], 1e-12);
        }
    }

    [Fact]
    public void Fit_IncreasingSurvivorCounts_ThrowsNamingTheValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedBetaGeometricModel.Fit([1000, 800, 810, 700]));

        Assert.Equal("aliveCounts", ex.ParamName);
        Assert.Equal(810, Convert.ToInt32(ex.ActualValue, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("aliveCounts[2] (810) cannot exceed aliveCounts[1] (800)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_BadInputs_Throw()
    {
        Assert.Throws<ArgumentException>(() => ShiftedBetaGeometricModel.Fit([1000]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedBetaGeometricModel.Fit([0, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedBetaGeometricModel.Fit([10, -1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedBetaGeometricModel.FitPercentAlive([90, 80], 1000));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedBetaGeometricModel.FitPercentAlive([100, 80], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShiftedBetaGeometricModel(double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShiftedBetaGeometricModel(1, 0));
    }

    [Fact]
    public void Fit_NobodyEverChurns_ThrowsModelFitException() =>
        Assert.Throws<ModelFitException>(() => ShiftedBetaGeometricModel.Fit([1000, 1000, 1000, 1000]));
}
