using Clv.Probabilistic;

namespace Clv.Tests;

/// <content>The spend sections' examples run, with the values the README states.</content>
public partial class ReadmeTests
{
    [Fact]
    public void SpendCovariates_Example_GivesTheStatedEffects()
    {
        var r = ReadmeExamples.SpendCovariates(Cdnow.Value);
        Assert.Equal(FitStatus.Converged, r.Fit.Status);
        Assert.Equal(["p", "q", "v", "spend.firstOrder", "spend.january"], r.Fit.Parameters.Select(p => p.Name));
        Near(0.3888, r.Fit.Parameters[3].Estimate, 4);
        Near(14.33, r.Fit.Parameters[3].ZStatistic, 2);
        Near(0.0455, r.Fit.Parameters[4].Estimate, 4);
        Near(1.16, r.Fit.Parameters[4].ZStatistic, 2);
        Near(-3965.33, r.Fit.LikelihoodLn, 2);
        Near(181.18, r.Test.Statistic, 2);
        Assert.Equal(2, r.Test.DegreesOfFreedom);
        Assert.True(r.Test.PValue < 1e-39);
        Near(1.31, Math.Pow(2, r.Fit.Model.Coefficients[0]), 2);
        Assert.Equal(946, r.Fit.ObservationCount);
        Assert.Equal(2357 - 946, r.Fit.ExcludedCount);

        // Each customer's prediction is the plain Gamma-Gamma prediction under the customer's own scale.
        Assert.Equal(r.FirstCustomer.ConditionalExpectedSpend(Cdnow.Value[0]), r.Expected[0], 1e-12);
        Assert.Equal(r.Fit.Model.BaseModel.V * Math.Exp((0.3888 * r.Covariates[0, 0]) + (0.0455 * r.Covariates[0, 1])), r.FirstCustomer.V, 1e-3 * r.FirstCustomer.V);
    }

    [Fact]
    public void NormalNormal_Example_GivesTheStatedFit()
    {
        var r = ReadmeExamples.NormalNormal(Cdnow.Value);
        Assert.Equal(946, r.X.Length);
        Assert.Contains(Orders.Value.Transactions.ToArray(), t => t.Amount == 0);   // "CDNOW has some" zero-valued purchases
        Assert.Equal(209, r.Contribution.Count(v => v < 0));
        Near(20.09, r.Fit.Model.Mu, 2);
        Near(30.18, r.Fit.Model.Tau, 2);
        Near(2.83, r.Fit.Model.Sigma, 2);
        Near(19.76, r.Fit.Parameters[1].StandardError, 2);
        Near(-4568.24, r.Fit.LikelihoodLn, 2);
        Assert.Equal(FitStatus.Ridge, r.Fit.Status);
        Near(0.99, r.W, 2);
        Assert.InRange(r.Expected, Math.Min(r.Contribution[0], r.Fit.Model.Mu), Math.Max(r.Contribution[0], r.Fit.Model.Mu));

        // A shift of every value by 15 moves μ by 15 and leaves τ, σ and ln L: the summaries fit is the same fit.
        Near(35.09, r.FromSummaries.Model.Mu, 2);
        Assert.Equal(r.Fit.LikelihoodLn, r.FromSummaries.LikelihoodLn, 1e-6);

        // Gamma-Gamma on the same 946 customers (a shift by 15 has Jacobian 1, so the two ln L compare): -4055.92 against -4568.24.
        Near(-4055.92, BgNbdRun.Value.SpendFit.LikelihoodLn, 2);
        Assert.Equal(946, BgNbdRun.Value.SpendFit.ObservationCount);
        Assert.Equal(512, Math.Round(BgNbdRun.Value.SpendFit.LikelihoodLn - r.Fit.LikelihoodLn));
    }
}
