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
}
