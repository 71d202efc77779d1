using Clv.Internal;
using MathNet.Numerics;

namespace Clv.Tests.Internal;

/// <summary>
/// The fitting pipeline on small problems with known answers: the quasi-Newton (BFGS) path without an analytic Hessian, search
/// coordinates for coefficients on very different scales, progress, and the ridge check's probe (which side is flat, how flat is
/// flat). Written against the survivors of the mutation run over <c>Internal/MaximumLikelihood*.cs</c> (tests/README.md).
/// </summary>
public class MaximumLikelihoodCheckTests
{
    /// <summary>
    /// A gamma sample with shape α and rate β, ln L = n α ln β − n ln Γ(α) + (α − 1) Σ ln x − β Σ x, without an analytic Hessian, so
    /// the pipeline differences the gradient once and then updates by BFGS. α and β are strongly correlated in θ = ln p.
    /// </summary>
    private sealed class GammaSample(double[] x) : LikelihoodProblem("Gamma", ["alpha", "beta"], [1, 1], x.Length, x.Length)
    {
        private readonly double _sum = x.Sum(), _sumLn = x.Sum(Math.Log);

        public int Evaluations { get; private set; }

        public override IReadOnlyList<double[]> Starts { get; } = [[0.2, 20.0]];

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
        {
            Evaluations++;
            double alpha = Math.Exp(theta[0]), beta = Math.Exp(theta[1]), n = x.Length;
            gradient[0] = alpha * ((n * theta[1]) - (n * SpecialFunctions.DiGamma(alpha)) + _sumLn);
            gradient[1] = (n * alpha) - (beta * _sum);
            return (n * alpha * theta[1]) - (n * SpecialFunctions.GammaLn(alpha)) + ((alpha - 1) * _sumLn) - (beta * _sum);
        }
    }

    /// <summary>
    /// −ln L = ½ n (γ − m)' A (γ − m) over two coefficients whose natural scales differ by 10⁴ (references 100 and 0.01), with
    /// A = B / (s sᵀ) so that B is the information per customer in the search coordinates γ / s. With or without the analytic Hessian.
    /// </summary>
    private sealed class ScaledQuadratic(bool analytic) : LikelihoodProblem("Scaled", ["g0", "g1"], [100, 0.01], 1_000, 1, coefficients: 2)
    {
        public static readonly double[] Scale = [100, 0.01];
        public static readonly double[] Mean = [300, -0.02];
        public static readonly double[,] B = { { 1, 0.6 }, { 0.6, 1 } };

        public override IReadOnlyList<double[]> Starts { get; } = [[0.0, 0.0]];

        public override bool HasHessian => analytic;

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken) =>
            LogLikelihood(theta, gradient, Span<double>.Empty, cancellationToken);

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> hessian, CancellationToken cancellationToken)
        {
            const double n = 1_000;
            double ll = 0;
            for (int i = 0; i < 2; i++)
            {
                gradient[i] = 0;
                for (int j = 0; j < 2; j++)
                {
                    double a = B[i, j] / (Scale[i] * Scale[j]);
                    ll -= 0.5 * n * (theta[i] - Mean[i]) * a * (theta[j] - Mean[j]);
                    gradient[i] -= n * a * (theta[j] - Mean[j]);
                    if (!hessian.IsEmpty)
                    {
                        hessian[(i * 2) + j] = -n * a;
                    }
                }
            }

            return ll;
        }
    }

    /// <summary>
    /// The flattening profile along a ridge: R(d) = −A d² / (2w²) for d &lt; 0 and −A (1 − exp(−d² / (2w²))) for d ≥ 0, A = 1.5,
    /// w² = 3. Curvature 0.5 at the maximum on both sides; moving 4 down costs 4, moving 4 up costs only 1.40.
    /// </summary>
    private static double Profile(double d, out double slope)
    {
        const double a = 1.5, w2 = 3;
        if (d < 0)
        {
            slope = -a * d / w2;
            return -a * d * d / (2 * w2);
        }

        double e = Math.Exp(-d * d / (2 * w2));
        slope = -a * d / w2 * e;
        return -a * (1 - e);
    }

    /// <summary>
    /// Two positive parameters: q well determined, p flat on one side only (upwards for <c>flat</c> = 1, downwards for −1).
    /// ln L = −1000 + R(flat (ln p − 1)) − 50 (ln q)², maximised at p = e, q = 1. The offset makes ln L look like a real one.
    /// </summary>
    private sealed class OneSidedRidge(int flat) : LikelihoodProblem("OneSided", ["p", "q"], [1, 1], 100, 1)
    {
        // Start on the steep side (a start on the flat side creeps in and stops when ln L stalls, short of the maximum).
        public override IReadOnlyList<double[]> Starts { get; } = [[Math.Exp(1 - flat), 2.0]];

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
        {
            double r = Profile(flat * (theta[0] - 1), out double slope);
            gradient[0] = flat * slope;
            gradient[1] = -100 * theta[1];
            return -1000 + r - (50 * theta[1] * theta[1]);
        }
    }

    /// <summary>ln L = −1000 − ¼ (ln p − 1)² − 50 (ln q)²: a shallow direction (curvature 0.5) that is still curved enough (moving 4 costs 4).</summary>
    private sealed class Shallow() : LikelihoodProblem("Shallow", ["p", "q"], [1, 1], 100, 1)
    {
        public override IReadOnlyList<double[]> Starts { get; } = [[1.0, 2.0]];

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
        {
            double d = theta[0] - 1;
            gradient[0] = -0.5 * d;
            gradient[1] = -100 * theta[1];
            return -1000 - (0.25 * d * d) - (50 * theta[1] * theta[1]);
        }
    }

    /// <summary>
    /// Two coefficients on scales 100 and 0.01 with a direction, in standard-deviation units u = γ / s, that is flat on one side
    /// (upwards for <c>flat</c> = 1): ln L = −1000 − 50 (u0 − 2 u1 − 1)² + R(flat (2 u0 + u1) / √5).
    /// </summary>
    private sealed class CoefficientRidge(int flat) : LikelihoodProblem("CoefficientRidge", ["g0", "g1"], [100, 0.01], 100, 1, coefficients: 2)
    {
        public override IReadOnlyList<double[]> Starts { get; } = [[0.0, 0.0]];

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
        {
            double u0 = theta[0] / 100, u1 = theta[1] / 0.01, d = u0 - (2 * u1) - 1;
            double r = Profile(flat * ((2 * u0) + u1) / Math.Sqrt(5), out double slope);
            gradient[0] = ((-100 * d) + (flat * slope * 2 / Math.Sqrt(5))) / 100;
            gradient[1] = ((200 * d) + (flat * slope / Math.Sqrt(5))) / 0.01;
            return -1000 - (50 * d * d) + r;
        }
    }

    private sealed class Recorder : IProgress<FitProgress>
    {
        public List<FitProgress> Reports { get; } = [];

        public void Report(FitProgress value) => Reports.Add(value);
    }

    private static double[] GammaDraws()
    {
        var random = new Random(20261203);
        var gamma = new MathNet.Numerics.Distributions.Gamma(2.5, 1.5, random);
        return [.. Enumerable.Range(0, 400).Select(_ => gamma.Sample())];
    }

    /// <summary>The gamma MLE: β = α / x̄ with ln α − ψ(α) = ln x̄ − mean(ln x), solved by bisection.</summary>
    private static (double Alpha, double Beta) GammaMle(double[] x)
    {
        double mean = x.Average(), c = Math.Log(mean) - x.Average(Math.Log);
        double lo = 1e-3, hi = 1e3;
        for (int i = 0; i < 200; i++)
        {
            double mid = Math.Sqrt(lo * hi);
            if (Math.Log(mid) - SpecialFunctions.DiGamma(mid) > c)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        double alpha = Math.Sqrt(lo * hi);
        return (alpha, alpha / mean);
    }

    [Fact]
    public void LogLikelihoodWithHessian_ProblemWithoutOne_RefusedSayingToCheckHasHessian()
    {
        var problem = new GammaSample([1.0, 2, 3]);
        Assert.False(problem.HasHessian);
        var error = Assert.Throws<NotSupportedException>(() => problem.LogLikelihood([0.0, 0.0], new double[2], new double[4], CancellationToken.None));
        Assert.Equal("This likelihood has no analytic Hessian; check HasHessian first.", error.Message);
    }

    [Fact]
    public void Maximize_GammaWithoutHessian_FindsTheClosedFormMaximumAndTheInverseInformation()
    {
        var x = GammaDraws();
        var (alpha, beta) = GammaMle(x);
        var estimate = MaximumLikelihood.Maximize(new GammaSample(x), new FitOptions { Tolerance = 1e-8 });

        Assert.Equal(FitStatus.Converged, estimate.Status);
        Assert.Equal(alpha, estimate.Parameters[0], alpha * 1e-9);
        Assert.Equal(beta, estimate.Parameters[1], beta * 1e-9);

        // The inverse of the expected information n [[ψ'(α), −1/β], [−1/β, α/β²]] (equal to the observed one for the gamma).
        double n = x.Length, psi1 = SpecialMath.TriGamma(alpha), det = n * n * ((psi1 * alpha / (beta * beta)) - (1 / (beta * beta)));
        double varAlpha = n * alpha / (beta * beta) / det, varBeta = n * psi1 / det;
        Assert.Equal(Math.Sqrt(varAlpha), estimate.StandardErrors[0], Math.Sqrt(varAlpha) * 1e-6);
        Assert.Equal(Math.Sqrt(varBeta), estimate.StandardErrors[1], Math.Sqrt(varBeta) * 1e-6);

        // The covariance of the log-parameters is symmetric to the last bit.
        Assert.Equal(estimate.LogCovariance[1], estimate.LogCovariance[2]);
        Assert.Equal(varAlpha / (alpha * alpha), estimate.LogCovariance[0], varAlpha / (alpha * alpha) * 1e-6);
    }

    [Fact]
    public void Maximize_GammaWithoutHessian_UpdatesTheHessianByBfgsInsteadOfDifferencingItAgain()
    {
        var x = GammaDraws();
        var problem = new GammaSample(x);
        var estimate = MaximumLikelihood.Maximize(problem, new FitOptions { Tolerance = 1e-8 });

        // Differencing once costs k = 2 gradients; a BFGS iteration one gradient (plus a few step halvings far from the maximum).
        // Differencing at every iteration would cost 3 per iteration, and a wrong update more iterations.
        Assert.InRange(estimate.Iterations, 1, 20);
        int search = problem.Evaluations - 1 - (2 * 2) - 1; // the check: ln L at the estimate, then central differences
        Assert.InRange(search, estimate.Iterations, 1 + 2 + (int)(1.5 * estimate.Iterations));
        Assert.Matches($"^Converged after {estimate.Iterations} Newton iterations to within 1E-08 standard errors of the maximum \\(alpha = [0-9.]+, beta = [0-9.]+\\)\\.$", estimate.Message);
    }

    [Fact]
    public void Maximize_FarStart_ReportsOptimizingProgressThatRisesToNinetyPercent()
    {
        var recorder = new Recorder();
        MaximumLikelihood.Maximize(new GammaSample(GammaDraws()), new FitOptions { Tolerance = 1e-8, Progress = recorder });

        var optimizing = recorder.Reports.Where(r => r.Stage == FitStage.Optimizing).Select(r => r.Fraction).ToArray();
        Assert.True(optimizing.Length >= 3, $"{optimizing.Length} optimizing reports");
        Assert.All(optimizing, f => Assert.InRange(f, 0.05, 0.9));
        Assert.Equal(optimizing.Order(), optimizing);
        Assert.Equal(0.9, optimizing[^1], 1e-12);

        // The fraction measures the distance to the maximum on a log scale: it passes through values strictly in between.
        Assert.Contains(optimizing, f => f > 0.1 && f < 0.85);
        Assert.Equal(FitStage.Checking, recorder.Reports[^1].Stage);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Maximize_CoefficientsOnScalesTenThousandApart_FindsTheMaximumAndStandardErrors(bool analytic)
    {
        var estimate = MaximumLikelihood.Maximize(new ScaledQuadratic(analytic), new FitOptions { Tolerance = 1e-8 });

        Assert.Equal(FitStatus.Converged, estimate.Status);

        // Covariance of γ: (n A)⁻¹, so SE γ_i = s_i √((B⁻¹)_ii / n); B⁻¹ = [[1, −0.6], [−0.6, 1]] / 0.64.
        for (int i = 0; i < 2; i++)
        {
            double se = ScaledQuadratic.Scale[i] * Math.Sqrt(1 / 0.64 / 1_000);
            Assert.Equal(se, estimate.StandardErrors[i], se * 1e-6);
            Assert.Equal(ScaledQuadratic.Mean[i], estimate.Parameters[i], se * 1e-6);
        }

        Assert.Equal(-0.6 / 0.64 / 1_000 * 100 * 0.01, estimate.LogCovariance[1], 1e-12);
    }

    /// <summary>−ln L = ½ n (γ − m)' B (γ − m) over three coefficients (n = 50), so the covariance is B⁻¹ / n.</summary>
    private sealed class Quadratic3() : LikelihoodProblem("Quadratic3", ["g0", "g1", "g2"], [1, 1, 1], 50, 1, coefficients: 3)
    {
        public static readonly double[,] B = { { 2.3, 0.71, 0.37 }, { 0.71, 1.13, 0.29 }, { 0.37, 0.29, 1.57 } };

        public override IReadOnlyList<double[]> Starts { get; } = [[0.0, 0.0, 0.0]];

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
        {
            double ll = 0;
            for (int i = 0; i < 3; i++)
            {
                gradient[i] = 0;
                for (int j = 0; j < 3; j++)
                {
                    ll -= 25 * (theta[i] - i - 1) * B[i, j] * (theta[j] - j - 1);
                    gradient[i] -= 50 * B[i, j] * (theta[j] - j - 1);
                }
            }

            return ll;
        }
    }

    [Fact]
    public void Maximize_ThreeParameters_CovarianceIsTheInverseInformationAndSymmetric()
    {
        var estimate = MaximumLikelihood.Maximize(new Quadratic3(), new FitOptions { Tolerance = 1e-8 });
        var expected = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(Quadratic3.B).Inverse() / 50;

        Assert.Equal(FitStatus.Converged, estimate.Status);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(i + 1, estimate.Parameters[i], 1e-6);
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(expected[i, j], estimate.LogCovariance[(i * 3) + j], 1e-9);
                Assert.Equal(estimate.LogCovariance[(j * 3) + i], estimate.LogCovariance[(i * 3) + j]);
            }
        }
    }

    [Theory]
    [InlineData(1, "up")]
    [InlineData(-1, "down")]
    public void Maximize_DirectionFlatOnOneSideOnly_IsARidgeTowardsTheFlatSide(int flat, string side)
    {
        var estimate = MaximumLikelihood.Maximize(new OneSidedRidge(flat), FitOptions.Default);

        Assert.Equal(FitStatus.Ridge, estimate.Status);
        Assert.Equal(Math.E, estimate.Parameters[0], 1e-6);
        Assert.Equal(1, estimate.Parameters[1], 1e-6);

        // Moving p by e⁴ ≈ 55 to the flat side costs 1.40 in ln L (less than 2), to the other side 4: the message names the
        // flat side and its cost, whichever sign the eigenvector came out with.
        Assert.StartsWith($"Ridge: moving p {side} by a factor of 55 changes ln L by less than 1.4, so the data cannot tell these values apart.", estimate.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("q ", estimate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Maximize_ShallowButCurvedDirection_IsNotARidge()
    {
        var estimate = MaximumLikelihood.Maximize(new Shallow(), FitOptions.Default);

        Assert.Equal(FitStatus.Converged, estimate.Status);
        Assert.Equal(Math.E, estimate.Parameters[0], 1e-6);

        // SE of ln p is 1/√0.5.
        Assert.Equal(Math.Sqrt(2) * Math.E, estimate.StandardErrors[0], 1e-6);
    }

    [Theory]
    [InlineData(1, "up")]
    [InlineData(-1, "down")]
    public void Maximize_RidgeAcrossCoefficientsOnDifferentScales_IsFoundAndReportedInEachCoefficientsUnits(int flat, string side)
    {
        var estimate = MaximumLikelihood.Maximize(new CoefficientRidge(flat), FitOptions.Default);

        Assert.Equal(FitStatus.Ridge, estimate.Status);

        // The flat direction is (2, 1) / √5 in u = γ / s: 4 · 2/√5 ≈ 3.58 standard-deviation units of g0 (3.6e2) and 1.79 of g1 (0.018).
        Assert.StartsWith($"Ridge: moving g0 {side} by 3.6E+02 and g1 {side} by 0.018 changes ln L by less than 1.4,", estimate.Message, StringComparison.Ordinal);
    }

    /// <summary>ln L = −θ: falls as p grows, so the maximum is at p → 0; the model adds its own sentence about it.</summary>
    private sealed class Falling() : LikelihoodProblem("Falling", ["p"], [1], 10, 1)
    {
        public override IReadOnlyList<double[]> Starts { get; } = [[1.0]];

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
        {
            gradient[0] = -1;
            return -theta[0];
        }

        public override string? DescribeBoundary(ReadOnlySpan<double> estimates, ReadOnlySpan<bool> atBound) =>
            atBound[0] ? "Nothing is held." : null;
    }

    [Fact]
    public void Maximize_LikelihoodRisingTowardsZero_ReportsTheLowerBoundaryAndTheModelsSentence()
    {
        var estimate = MaximumLikelihood.Maximize(new Falling(), FitOptions.Default);

        Assert.Equal(FitStatus.Boundary, estimate.Status);
        Assert.StartsWith("Boundary: p → 0 (p = 2.06E-09): the likelihood keeps rising towards the edge of the parameter range. Nothing is held. Predictions use this limit;", estimate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Maximize_StartAtTheMaximum_ReportsOptimizingDoneAtOnce()
    {
        var x = GammaDraws();
        var (alpha, beta) = GammaMle(x);
        var recorder = new Recorder();
        var estimate = MaximumLikelihood.Maximize(new GammaSample(x), new FitOptions { Tolerance = 1e-4, Progress = recorder, Start = [alpha, beta] });

        Assert.Equal(0, estimate.Iterations);
        Assert.Equal([0.9], recorder.Reports.Where(r => r.Stage == FitStage.Optimizing).Select(r => r.Fraction));
    }
}
