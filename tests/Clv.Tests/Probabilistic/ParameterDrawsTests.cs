using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The asymptotic parameter draws behind prediction intervals: ln θ for the first <c>logCount</c> parameters (and θ itself
/// for the others, such as covariate coefficients) is drawn from the normal distribution with the fit's estimates as means
/// and its covariance. Checked against that law with a correlated covariance, in moments and to a few standard errors.
/// </summary>
public class ParameterDrawsTests
{
    private const int Draws = 40_000;

    // Three parameters: two positive (drawn on the log scale), one coefficient (drawn as it is); correlated.
    private static readonly double[] Estimates = [0.8, 6.0, -0.4];
    private static readonly double[] Covariance =
    [
        0.040, 0.018, -0.006,
        0.018, 0.090, 0.010,
        -0.006, 0.010, 0.025,
    ];

    private static double[][] Sample(int seed) =>
        ParameterDraws.Asymptotic(Estimates, 2, Covariance, FitStatus.Converged, Draws, new Random(seed), "purchases");

    /// <summary>The scale on which a parameter is normal: ln θ for the first two, θ for the third.</summary>
    private static double Normalised(double[] draw, int i) => i < 2 ? Math.Log(draw[i]) : draw[i];

    [Fact]
    public void Asymptotic_DrawsHaveTheFitsMeansAndCovarianceOnTheirScales()
    {
        var draws = Sample(11);
        Assert.Equal(Draws, draws.Length);
        Assert.All(draws, d => Assert.Equal(3, d.Length));
        Assert.All(draws, d => Assert.True(d[0] > 0 && d[1] > 0, "log-scale parameters stay positive"));

        var mean = new double[3];
        for (int i = 0; i < 3; i++)
        {
            mean[i] = draws.Average(d => Normalised(d, i));
            double centre = i < 2 ? Math.Log(Estimates[i]) : Estimates[i];
            double se = Math.Sqrt(Covariance[(i * 3) + i] / Draws);
            Assert.InRange(mean[i], centre - (4 * se), centre + (4 * se));
        }

        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double c = draws.Sum(d => (Normalised(d, i) - mean[i]) * (Normalised(d, j) - mean[j])) / (Draws - 1);

                // SE of a sample covariance of normals: sqrt((s_ii s_jj + s_ij^2) / n).
                double se = Math.Sqrt(((Covariance[(i * 3) + i] * Covariance[(j * 3) + j]) + (Covariance[(i * 3) + j] * Covariance[(i * 3) + j])) / Draws);
                Assert.InRange(c, Covariance[(i * 3) + j] - (4 * se), Covariance[(i * 3) + j] + (4 * se));
            }
        }
    }

    [Fact]
    public void Asymptotic_SameSeedSameDraws_ZeroCovarianceGivesTheEstimates()
    {
        var a = Sample(5);
        var b = Sample(5);
        Assert.Equal(a.Select(d => d[0]), b.Select(d => d[0]));
        Assert.NotEqual(a.Select(d => d[0]), Sample(6).Select(d => d[0]));

        var fixedDraws = ParameterDraws.Asymptotic(Estimates, 2, new double[9], FitStatus.Converged, 3, new Random(1), "spend");
        Assert.All(fixedDraws, d => Assert.Equal(Estimates, d));
    }

    [Fact]
    public void Asymptotic_CovarianceMissingOrNotFinite_SaysDrawsAreImpossible()
    {
        foreach (var bad in new[] { Array.Empty<double>(), new double[4], Covariance.Select((c, k) => k == 4 ? double.NaN : c).ToArray() })
        {
            var e = Assert.Throws<ArgumentException>(() => ParameterDraws.Asymptotic(Estimates, 2, bad, FitStatus.Ridge, 10, new Random(1), "spend"));
            Assert.Equal("spend", e.ParamName);
            Assert.Contains("The spend fit has no finite covariance of its parameters (status Ridge)", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(1e6)]
    [InlineData(4e6)]
    public void Asymptotic_ADrawOutsideTheRangeOfNumbers_IsRefusedNamingTheParameter(double variance)
    {
        // A ridge the data do not pin down (BG/NBD a and b in the hundreds of millions with standard errors a thousand times
        // larger) gives log-scale standard deviations in the thousands: exp of a draw is ∞ or 0. It used to fail later, in the
        // model's constructor ("a must be a finite number greater than 0, but was Infinity").
        double[] covariance = [variance, 0, 0, 0, 0.09, 0, 0, 0, 0.025];
        var e = Assert.Throws<ArgumentException>(() => ParameterDraws.Asymptotic(Estimates, 2, covariance, FitStatus.Ridge, 200, new Random(3), "purchases", ["a", "b", "c"]));
        Assert.Equal("purchases", e.ParamName);
        Assert.StartsWith(
            $"The purchases fit does not pin down a (status Ridge): its standard deviation on the log scale is {Math.Sqrt(variance):G3}, so an asymptotic draw of a = 0.8 came out as ",
            e.Message,
            StringComparison.Ordinal);
        Assert.Contains("outside the range of numbers. Use ParameterUncertainty.Bootstrap (refits) or None.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PredictionIntervals_OnAFitWithAnUnpinnedParameter_SayWhichAndWhatToUse()
    {
        var fit = CdnowFits.BgNbd;
        double[] covariance = [.. fit.LogCovariance];
        covariance[(2 * 4) + 2] = 1e6; // a
        var ridge = new FitResult<BgNbdModel>(fit.Model, FitStatus.Ridge, "Ridge: test.", fit.LikelihoodLn, fit.Iterations, fit.Parameters, fit.ObservationCount, fit.ExcludedCount, null, covariance);
        var e = Assert.Throws<ArgumentException>(() => PredictionIntervals.Compute(ridge, null, CdnowFits.Summaries, 39, null));
        Assert.Equal("purchases", e.ParamName);
        Assert.StartsWith("The purchases fit does not pin down a (status Ridge): its standard deviation on the log scale is 1E+03", e.Message, StringComparison.Ordinal);

        // Refits are unaffected.
        var bootstrap = PredictionIntervals.Compute(ridge, null, CdnowFits.Summaries, 39, new PredictionIntervalOptions { Uncertainty = ParameterUncertainty.Bootstrap, Draws = 4 });
        Assert.Equal(CdnowFits.Summaries.Count, bootstrap.Rows.Count);
    }
}
