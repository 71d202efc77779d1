using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The sBG model's argument rules, each at its boundary: what is accepted just inside it and the parameter, value and
/// sentence of the error just outside it (written against the survivors of a mutation run over the model and its likelihood).
/// </summary>
public class ShiftedBetaGeometricArgumentTests
{
    private static readonly ShiftedBetaGeometricModel Model = new(0.704, 1.182);

    [Fact]
    public void Fit_CohortThatEndsWithNobodyAlive_IsAccepted()
    {
        // 0 survivors is a count like any other; only negative counts are refused.
        var fit = ShiftedBetaGeometricModel.Fit([1000, 600, 300, 100, 0]);

        Assert.True(fit.Model.Alpha > 0 && fit.Model.Beta > 0);
        Assert.Equal(["alpha", "beta"], fit.Parameters.Select(p => p.Name));
    }

    [Fact]
    public void Fit_NobodyChurns_SaysHowManySubscribersOverHowManyPeriods()
    {
        var e = Assert.Throws<ModelFitException>(() => ShiftedBetaGeometricModel.Fit([1000, 1000, 1000, 1000]));

        Assert.Contains("nobody of 1000 subscribers churned in 3 periods", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitCohorts_NullOrEmpty_ThrowsNamingTheArgument()
    {
        Assert.Equal("aliveCounts", Assert.Throws<ArgumentNullException>(() => ShiftedBetaGeometricModel.FitCohorts(null!, null)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => ShiftedBetaGeometricModel.FitCohorts([], null));
        Assert.Contains("aliveCounts needs at least one cohort, but had none.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitRecords_Empty_ThrowsNamingTheArgument()
    {
        var e = Assert.Throws<ArgumentException>(() => ShiftedBetaGeometricModel.Fit(ReadOnlySpan<ContractRecord>.Empty, null));

        Assert.Equal("records", e.ParamName);
        Assert.Contains("records needs at least one account, but had none.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitRecords_ActiveAccountOfZeroPeriods_IsAcceptedAndAddsNothing()
    {
        ContractRecord[] records = [new(1, false, 30), new(2, false, 20), new(3, true, 50)];
        var without = ShiftedBetaGeometricModel.Fit(records, null);
        var with = ShiftedBetaGeometricModel.Fit([.. records, new ContractRecord(0, true, 7)], null);

        // An account active after 0 periods contributes ln S(0) = 0: the same maximum, reached to within the fit's tolerance
        // (its stopping rule is in standard errors).
        Assert.Equal(without.LikelihoodLn, with.LikelihoodLn, 1e-6);
        Assert.Equal(without.Model.Alpha, with.Model.Alpha, 0.01 * without.Parameters[0].StandardError);
        Assert.Equal(without.Model.Beta, with.Model.Beta, 0.01 * without.Parameters[1].StandardError);
    }

    [Fact]
    public void FitRecords_NegativePeriodsOfAnActiveAccount_SaysAtLeastZero()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedBetaGeometricModel.Fit([new ContractRecord(2, false), new ContractRecord(-1, true)], null));

        Assert.Equal("records", e.ParamName);
        Assert.Contains("records[1].Periods must be at least 0 for an active account, but was -1.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void FitRecords_WeightNotPositiveAndFinite_Throws(double weight)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedBetaGeometricModel.Fit([new ContractRecord(2, false), new ContractRecord(3, true, weight)], null));

        Assert.Contains("records[1].Weight must be a finite number greater than 0", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void FitPercentAlive_CohortSizeOutsideRange_ThrowsNamingCohortSize(double cohortSize)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedBetaGeometricModel.FitPercentAlive([100, 60, 40], cohortSize));

        Assert.Equal("cohortSize", e.ParamName);
        Assert.Contains("cohortSize must be a finite number of at least 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitPercentAlive_CohortOfOne_IsAccepted()
    {
        var fit = ShiftedBetaGeometricModel.FitPercentAlive([100, 60, 40, 30], 1);

        Assert.True(double.IsFinite(fit.LikelihoodLn));
    }

    [Fact]
    public void FitPercentAlive_NoPercentages_ThrowsArgumentException()
    {
        var e = Assert.Throws<ArgumentException>(() => ShiftedBetaGeometricModel.FitPercentAlive([], 1000));

        Assert.Equal("percentAlive", e.ParamName);
        Assert.Contains("needs at least two entries", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    public void FitPercentAlive_PercentageOutsideZeroToHundred_SaysSo(double p)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedBetaGeometricModel.FitPercentAlive([100, 60, p], 1000));

        Assert.Equal("percentAlive", e.ParamName);
        Assert.Contains("percentAlive[2] must be between 0 and 100", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitPercentAlive_ZeroPercentAliveAtTheEnd_IsAccepted()
    {
        var fit = ShiftedBetaGeometricModel.FitPercentAlive([100, 60, 30, 0], 1000);

        Assert.True(double.IsFinite(fit.LikelihoodLn));
    }

    [Fact]
    public void Periods_BelowTheirMinimum_ThrowNamingTheArgument()
    {
        AssertPeriod("t", 0, () => Model.ChurnProbability(0));
        AssertPeriod("t", -1, () => Model.Survival(-1));
        AssertPeriod("t", 0, () => Model.RetentionRate(0));
        AssertPeriod("periods", -1, () => Model.SurvivalCurve(-1));
        AssertPeriod("n", 0, () => Model.DiscountedExpectedResidualLifetime(0, 0.1));
        AssertPeriod("n", 0, () => Model.ResidualValue(10, 0, 0.1));
    }

    [Fact]
    public void Periods_AtTheirMinimum_AreAccepted()
    {
        Assert.Equal(Model.Alpha / (Model.Alpha + Model.Beta), Model.ChurnProbability(1), 1e-15);
        Assert.Equal(1, Model.Survival(0));
        Assert.Equal(Model.Beta / (Model.Alpha + Model.Beta), Model.RetentionRate(1), 1e-15);
        Assert.Equal([1.0], Model.SurvivalCurve(0));
    }

    [Fact]
    public void DiscountRates_Negative_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.DiscountedExpectedLifetime(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.DiscountedExpectedResidualLifetime(1, -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.ResidualValue(10, 1, -0.1));
        var destination = new double[1];
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.ResidualValue([10.0], [1], -0.1, destination));
    }

    [Fact]
    public void ResidualValue_BadMarginsRenewalsOrLengths_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Model.ResidualValue(double.NaN, 1, 0.1));

        var one = new double[1];
        var two = new double[2];
        Assert.Equal("renewals", Assert.Throws<ArgumentException>(() => Model.ResidualValue([10.0, 20.0], [1], 0.1, two)).ParamName);
        Assert.Throws<ArgumentException>(() => Model.ResidualValue([10.0, 20.0], [1, 2], 0.1, one));

        var m = Assert.Throws<ArgumentOutOfRangeException>(() => Model.ResidualValue([10.0, double.PositiveInfinity], [1, 2], 0.1, two));
        Assert.Equal("margins", m.ParamName);
        Assert.Contains("margins[1] must be a finite number", m.Message, StringComparison.Ordinal);

        var n = Assert.Throws<ArgumentOutOfRangeException>(() => Model.ResidualValue([10.0, 20.0], [1, 0], 0.1, two));
        Assert.Equal("renewals", n.ParamName);
        Assert.Contains("renewals[1] must be at least 1, but was 0.", n.Message, StringComparison.Ordinal);
    }

    private static void AssertPeriod(string name, int value, Action call)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.Equal(name, e.ParamName);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name} must be at least {value + 1}, but was {value}."), e.Message, StringComparison.Ordinal);
    }
}
