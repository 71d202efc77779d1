using Clv.Probabilistic;
using MathNet.Numerics.Distributions;

namespace Clv.Tests.Probabilistic;

/// <summary>sBG over several cohorts and from individual, right-censored contract records (issue 16, item 5).</summary>
public class ContractCohortTests
{
    // Fader & Hardie (2007): the "regular" cohort of 1,000 subscribers, alive at t = 0 .. 7.
    private static readonly int[] Regular = [1000, 631, 468, 382, 326, 289, 262, 241];
    private static readonly int[] HighEnd = [1000, 869, 743, 653, 593, 551, 517, 491];

    [Fact]
    public void FitCohorts_OneCohort_IsExactlyTheSingleCohortFit()
    {
        var single = ShiftedBetaGeometricModel.Fit(Regular);
        var joint = ShiftedBetaGeometricModel.FitCohorts([Regular], null);
        Assert.Equal(single.Model.Alpha, joint.Model.Alpha);
        Assert.Equal(single.Model.Beta, joint.Model.Beta);
        Assert.Equal(single.LikelihoodLn, joint.LikelihoodLn);
        Assert.Equal(0.704, single.Model.Alpha, 3);
        Assert.Equal(1.182, single.Model.Beta, 3);
    }

    [Fact]
    public void Fit_ContractRecordsOfACohort_IsExactlyTheCohortFit()
    {
        // Each cancellation between t - 1 and t is an account whose last period is t; the 241 still active after 7 periods are censored.
        var records = new List<ContractRecord>();
        for (int t = 1; t < Regular.Length; t++)
        {
            records.AddRange(Enumerable.Repeat(new ContractRecord(t, IsActive: false), Regular[t - 1] - Regular[t]));
        }

        records.AddRange(Enumerable.Repeat(new ContractRecord(7, IsActive: true), Regular[^1]));
        new Random(3).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(records));
        var individual = ShiftedBetaGeometricModel.Fit(records.ToArray(), null);
        var cohort = ShiftedBetaGeometricModel.Fit(Regular);
        Assert.Equal(cohort.Model.Alpha, individual.Model.Alpha);
        Assert.Equal(cohort.Model.Beta, individual.Model.Beta);
        Assert.Equal(cohort.LikelihoodLn, individual.LikelihoodLn);

        // Weighted records are the same accounts grouped.
        var grouped = records.GroupBy(r => r).Select(g => g.Key with { Weight = g.Count() }).ToArray();
        Assert.Equal(cohort.Model.Alpha, ShiftedBetaGeometricModel.Fit(grouped, null).Model.Alpha, 12);
    }

    [Fact]
    public void FitCohorts_TwoCohorts_MaximisesTheSumOfTheirLikelihoods()
    {
        // Cohorts of different ages: the younger one observed for 4 periods only.
        int[][] cohorts = [Regular, [.. Regular.Take(5).Select(a => a / 2)]];
        var joint = ShiftedBetaGeometricModel.FitCohorts(cohorts, null);
        Assert.True(joint.IsConverged, joint.StatusMessage);
        double SumAt(double a, double b) => cohorts.Sum(c => ShiftedBetaGeometricLikelihood.LikelihoodLn(a, b, [.. c.Select(x => (double)x)], []));
        Assert.Equal(SumAt(joint.Model.Alpha, joint.Model.Beta), joint.LikelihoodLn, 9);
        foreach (var (da, db) in new[] { (0.01, 0.0), (-0.01, 0.0), (0.0, 0.01), (0.0, -0.01) })
        {
            Assert.True(SumAt(joint.Model.Alpha + da, joint.Model.Beta + db) < joint.LikelihoodLn);
        }

        // Different cohorts pull the joint estimate between their own.
        var both = ShiftedBetaGeometricModel.FitCohorts([Regular, HighEnd], null).Model;
        var regular = ShiftedBetaGeometricModel.Fit(Regular).Model;
        var highEnd = ShiftedBetaGeometricModel.Fit(HighEnd).Model;
        Assert.InRange(both.RetentionRate(3), regular.RetentionRate(3), highEnd.RetentionRate(3));
    }

    [Theory]
    [InlineData(0.7, 1.2)]
    [InlineData(3.0, 8.0)]
    [InlineData(0.3, 0.6)]
    public void Fit_SimulatedCensoredAccounts_RecoversTheTruth(double alpha, double beta)
    {
        // 40,000 accounts that joined over 24 periods and are observed to period 24: older accounts for longer.
        var random = new Random(17);
        var records = new ContractRecord[40_000];
        for (int i = 0; i < records.Length; i++)
        {
            int observed = 1 + (i % 24);
            double theta = Beta.Sample(random, alpha, beta);
            int t = 1;
            while (t <= observed && random.NextDouble() >= theta)
            {
                t++;
            }

            records[i] = t > observed ? new ContractRecord(observed, IsActive: true) : new ContractRecord(t, IsActive: false);
        }

        var fit = ShiftedBetaGeometricModel.Fit(records, null);
        Assert.True(fit.IsConverged, fit.StatusMessage);
        Assert.True(Math.Abs(fit.Model.Alpha - alpha) <= 4 * fit.Parameters[0].StandardError, $"alpha {fit.Parameters[0]}");
        Assert.True(Math.Abs(fit.Model.Beta - beta) <= 4 * fit.Parameters[1].StandardError, $"beta {fit.Parameters[1]}");
    }

    [Fact]
    public void BadInput_ThrowsNamingTheCohortOrRecord()
    {
        Assert.Equal("aliveCounts", Assert.Throws<ArgumentException>(() => ShiftedBetaGeometricModel.FitCohorts([], null)).ParamName);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedBetaGeometricModel.FitCohorts([Regular, [100, 90, 95]], null));
        Assert.Contains("aliveCounts[1][2] (95) cannot exceed aliveCounts[1][1] (90)", e.Message, StringComparison.Ordinal);
        var r = Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedBetaGeometricModel.Fit([new ContractRecord(3, false), new ContractRecord(0, false)], null));
        Assert.Contains("records[1].Periods must be at least 1 for a cancelled account, but was 0.", r.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => ShiftedBetaGeometricModel.Fit([new ContractRecord(3, false, double.NaN)], null));
        Assert.Throws<ModelFitException>(() => ShiftedBetaGeometricModel.Fit([new ContractRecord(3, true), new ContractRecord(5, true)], null));
        Assert.Throws<ModelFitException>(() => ShiftedBetaGeometricModel.Fit([new ContractRecord(1, false, 10)], null));
    }

    [Fact]
    public void ContractCohortReport_GivesEachCohortsRenewalCurveAgainstTheModel()
    {
        var model = ShiftedBetaGeometricModel.FitCohorts([Regular, HighEnd], null).Model;
        var report = ContractCohortReport.Create(model, [Regular, HighEnd]);
        Assert.Equal(14, report.Rows.Count);
        var row = report.Rows[9];
        Assert.Equal((1, 3), (row.Cohort, row.Period));
        Assert.Equal(653, row.ActualAlive);
        Assert.Equal(1000 * model.Survival(3), row.ExpectedAlive, 9);
        Assert.Equal(653.0 / 743, row.ActualRetention, 12);
        Assert.Equal(model.RetentionRate(3), row.ExpectedRetention);
        Assert.Contains("Renewal curves of 2 cohorts", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ContractCohortReport_AfterEveryoneLeft_RetentionIsUndefined()
    {
        // Retention from 0 subscribers is 0 / 0: NaN, not 0 or 1; the expected side still follows the model.
        var model = new ShiftedBetaGeometricModel(0.704, 1.182);
        var report = ContractCohortReport.Create(model, [[10, 2, 0, 0]]);

        Assert.Equal([0.2, 0, double.NaN], report.Rows.Select(r => r.ActualRetention));
        Assert.Equal(model.RetentionRate(3), report.Rows[2].ExpectedRetention);
        Assert.Equal(10 * model.Survival(3), report.Rows[2].ExpectedAlive, 12);
    }

    [Fact]
    public void ContractCohortReport_BadCohort_IsNamedByItsIndex()
    {
        var model = new ShiftedBetaGeometricModel(0.704, 1.182);

        Assert.Equal("model", Assert.Throws<ArgumentNullException>(() => ContractCohortReport.Create(null!, [Regular])).ParamName);
        Assert.Equal("aliveCounts", Assert.Throws<ArgumentNullException>(() => ContractCohortReport.Create(model, null!)).ParamName);
        Assert.Equal("aliveCounts[1]", Assert.Throws<ArgumentNullException>(() => ContractCohortReport.Create(model, [Regular, null!])).ParamName);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ContractCohortReport.Create(model, [Regular, [100, 120]]));
        Assert.Equal("aliveCounts[1]", e.ParamName);
        Assert.Equal("aliveCounts[0]", Assert.Throws<ArgumentException>(() => ContractCohortReport.Create(model, [[100]])).ParamName);
    }

    [Fact]
    public void ContractCohortReport_ToString_IsOneLinePerCohortAndPeriod()
    {
        var model = new ShiftedBetaGeometricModel(0.704, 1.182);
        string text = ContractCohortReport.Create(model, [[1000, 631], [500, 400, 0]]).ToString();

        // S(1) = beta / (alpha + beta) = 0.6267, S(2) = S(1) (beta + 1) / (alpha + beta + 1) = 0.4738: 626.7, 313.4 and 236.9 expected.
        Assert.Equal(
            """
            Renewal curves of 2 cohorts against sBG(alpha = 0.704, beta = 1.182)
            cohort  period  alive  expected  retention  model retention
                 0       1    631     626.7      0.631            0.627
                 1       1    400     313.4      0.800            0.627
                 1       2      0     236.9      0.000            0.756

            """.ReplaceLineEndings("\n"),
            text.ReplaceLineEndings("\n"));
    }
}
