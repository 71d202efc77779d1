using System.Globalization;
using Clv.Internal;

namespace Clv.Tests.Internal;

public class MaximumLikelihoodTests
{
    /// <summary>An exponential sample: ln L(λ) = n ln λ − λ Σ x, maximised at λ = n / Σ x with SE λ / √n.</summary>
    private sealed class Exponential(double[] x, double reference = 1) : LikelihoodProblem("Exponential", ["lambda"], [reference], x.Length, x.Length)
    {
        public override IReadOnlyList<double[]> Starts { get; } = [[1.0], [7.0]];

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
        {
            double lambda = Math.Exp(theta[0]), n = x.Length, sum = x.Sum();
            gradient[0] = n - (lambda * sum);
            return (n * theta[0]) - (lambda * sum);
        }
    }

    /// <summary>ln L rises without bound as θ grows: no maximum exists inside the search range.</summary>
    private sealed class Rising() : LikelihoodProblem("Rising", ["p"], [1], 10, 1)
    {
        public override IReadOnlyList<double[]> Starts { get; } = [[1.0]];

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
        {
            gradient[0] = 1;
            return theta[0];
        }
    }

    /// <summary>ln L depends on θ0 − θ1 only (a perfect ridge), maximised at θ0 − θ1 = 1.</summary>
    private sealed class Flat() : LikelihoodProblem("Flat", ["u", "v"], [1, 1], 100, 1)
    {
        public override IReadOnlyList<double[]> Starts { get; } = [[1.0, 1.0]];

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
        {
            double d = theta[0] - theta[1] - 1;
            gradient[0] = -100 * d;
            gradient[1] = 100 * d;
            return -50 * d * d;
        }
    }

    /// <summary>The exponential problem with a work bound too small for any fit.</summary>
    private sealed class Impatient(double[] x) : LikelihoodProblem("Impatient", ["lambda"], [1], x.Length, x.Length)
    {
        public int Evaluations { get; private set; }

        public override IReadOnlyList<double[]> Starts { get; } = [[100.0]];

        public override long EvaluationBound => 3;

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
        {
            Evaluations++;
            double lambda = Math.Exp(theta[0]), n = x.Length, sum = x.Sum();
            gradient[0] = n - (lambda * sum);
            return (n * theta[0]) - (lambda * sum);
        }
    }

    private static readonly double[] Sample = [0.5, 1.5, 2.0, 0.25, 3.0, 1.0, 0.75];

    [Fact]
    public void Maximize_SearchThatNeverConverges_StopsAtTheWorkBoundSayingSo()
    {
        var impatient = new Impatient(Sample);

        var e = Assert.Throws<ModelFitException>(() => MaximumLikelihood.Maximize(impatient, new FitOptions { MaxIterations = 1_000_000 }));

        Assert.Equal(3, impatient.Evaluations);
        Assert.Equal(4_000, new Exponential(Sample).EvaluationBound);
        Assert.Contains("likelihood evaluations", e.Message, StringComparison.Ordinal);
        Assert.Contains("work bound", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Maximize_ExponentialRate_FindsClosedFormEstimateAndStandardError()
    {
        var estimate = MaximumLikelihood.Maximize(new Exponential(Sample), FitOptions.Default);
        double n = Sample.Length, lambda = n / Sample.Sum();
        Assert.Equal(FitStatus.Converged, estimate.Status);

        // Within the default tolerance of 1e-4 standard errors; a tighter tolerance gets closer.
        Assert.InRange(Math.Abs(estimate.Parameters[0] - lambda), 0, 1e-4 * lambda / Math.Sqrt(n));
        var tight = MaximumLikelihood.Maximize(new Exponential(Sample), new FitOptions { Tolerance = 1e-10 });
        Assert.InRange(Math.Abs(tight.Parameters[0] - lambda), 0, 1e-10 * lambda / Math.Sqrt(n));
        Assert.Equal(lambda / Math.Sqrt(n), estimate.StandardErrors[0], 1e-6);
        Assert.Equal((n * Math.Log(lambda)) - n, estimate.LikelihoodLn, 1e-9);
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(1e6)]
    public void Maximize_ReferenceScale_DoesNotChangeTheEstimate(double reference)
    {
        var estimate = MaximumLikelihood.Maximize(new Exponential(Sample, reference), new FitOptions { Tolerance = 1e-10 });
        Assert.Equal(Sample.Length / Sample.Sum(), estimate.Parameters[0], 1e-10);
    }

    [Fact]
    public void Maximize_UnboundedLikelihood_ReportsBoundaryNamingTheParameter()
    {
        var estimate = MaximumLikelihood.Maximize(new Rising(), FitOptions.Default);
        Assert.Equal(FitStatus.Boundary, estimate.Status);
        Assert.StartsWith("Boundary: p → ∞ (p = 4.85E+08): the likelihood keeps rising towards the edge of the parameter range. Predictions use this limit;", estimate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Maximize_FlatDirection_ReportsRidgeAndWhatTheDataDetermine()
    {
        var estimate = MaximumLikelihood.Maximize(new Flat(), FitOptions.Default);
        Assert.Equal(FitStatus.Ridge, estimate.Status);
        Assert.Contains("ratio u/v", estimate.Message, StringComparison.Ordinal);
        Assert.Equal(Math.E, estimate.Parameters[0] / estimate.Parameters[1], 1e-6);

        // The information matrix is singular: no standard error and no covariance, rather than whatever a failed inversion left.
        Assert.All(estimate.StandardErrors, se => Assert.True(double.IsNaN(se)));
        Assert.All(estimate.LogCovariance, c => Assert.True(double.IsNaN(c)));
    }

    [Fact]
    public void Maximize_IterationCapTooSmall_ThrowsModelFitExceptionSayingWhy()
    {
        var options = new FitOptions { MaxIterations = 1, Tolerance = 1e-12 };
        var ex = Assert.Throws<ModelFitException>(() => MaximumLikelihood.Maximize(new Exponential(Sample, 1e-3), options));
        Assert.Contains("options.MaxIterations", ex.Message, StringComparison.Ordinal);

        // One iteration from each of the two starts, each reporting how far ln L rose and where it stopped.
        Assert.StartsWith("Exponential fit did not converge after 2 Newton iterations: from (lambda 1): ", ex.Message, StringComparison.Ordinal);
        var runs = System.Text.RegularExpressions.Regex.Matches(ex.Message, @"from \(lambda ([0-9.E+-]+)\): 1 iterations \(options\.MaxIterations\) were not enough: ln L rose by ([0-9.E+-]+) and was still rising at \(lambda ([0-9.E+-]+)\)");
        Assert.Equal(2, runs.Count);
        foreach (System.Text.RegularExpressions.Match run in runs)
        {
            double from = double.Parse(run.Groups[1].Value, CultureInfo.InvariantCulture);
            double rise = double.Parse(run.Groups[2].Value, CultureInfo.InvariantCulture);
            double at = double.Parse(run.Groups[3].Value, CultureInfo.InvariantCulture);
            double LnL(double lambda) => (Sample.Length * Math.Log(lambda)) - (lambda * Sample.Sum());
            Assert.Equal(LnL(at) - LnL(from), rise, Math.Abs(rise) * 1e-2);
            Assert.True(rise > 0);
        }

        // Only the run whose ln L rose by more than 1 adds the warning that the likelihood may have no maximum.
        var first = runs[0].Groups[2].Value;
        var second = runs[1].Groups[2].Value;
        Assert.True(double.Parse(first, CultureInfo.InvariantCulture) < 1 && double.Parse(second, CultureInfo.InvariantCulture) > 1, ex.Message);
        Assert.Contains(runs[0].Value + "; from (lambda 7): ", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("), so the likelihood may have no maximum (data without variation drive parameters to infinity).", ex.Message, StringComparison.Ordinal);
    }
}
