using Clv.Probabilistic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The BG/BB fit sums its likelihood over histories grouped by (x, n), sharing the died terms' suffix sums: the total and its
/// gradient must equal the per-history sum of <c>BetaGeoBetaBinomMath.LnLikelihood</c> (the formula of Fader, Hardie and Shang
/// 2010), over random models and random sets of weighted histories with shared and unshared x and n.
/// </summary>
public class BetaGeoBetaBinomGroupedLikelihoodTests
{
    private static readonly Arbitrary<(double[] Theta, (int X, int Tx, int N)[] Keys, double[] Weights)> Cases =
        (from a in Gen.Choose(-1500, 1500)
         from b in Gen.Choose(-1500, 1500)
         from g in Gen.Choose(-1500, 1500)
         from d in Gen.Choose(-1500, 2500)
         from maxN in Gen.Elements(1, 6, 60, 400)
         from count in Gen.Choose(1, 40)
         from raw in Gen.ArrayOf(Gen.Choose(0, 1_000_000), count * 4)
         select (new[] { a / 1000.0 * Math.Log(10), b / 1000.0 * Math.Log(10), g / 1000.0 * Math.Log(10), d / 1000.0 * Math.Log(10) },
             Histories(raw, maxN), raw.Take(count).Select(r => 1 + (r % 7) / 2.0).ToArray()))
        .ToArbitrary();

    /// <summary>Distinct (x, t_x, n) with x ≤ t_x ≤ n (x = 0 only with t_x = 0), drawn so that several share x and n.</summary>
    private static (int X, int Tx, int N)[] Histories(int[] raw, int maxN)
    {
        var keys = new HashSet<(int, int, int)>();
        for (int i = 0; i + 3 < raw.Length; i += 4)
        {
            int n = 1 + (raw[i] % 3 == 0 ? maxN - 1 : raw[i] % maxN);
            int tx = raw[i + 1] % (n + 1);
            int x = tx == 0 ? 0 : 1 + (raw[i + 2] % Math.Max(1, Math.Min(tx, raw[i + 3] % 2 == 0 ? 2 : tx)));
            keys.Add((Math.Min(x, tx), tx, n));
        }

        return [.. keys];
    }

    [Property(MaxTest = 200)]
    public Property TotalAndGradient_EqualThePerHistorySum() =>
        Prop.ForAll(Cases, c =>
        {
            var (theta, keys, weightsAll) = c;
            var weights = keys.Select((_, i) => weightsAll[i % weightsAll.Length]).ToArray();
            var problem = new BetaGeoBetaBinomLikelihood("BG/BB", ["alpha", "beta", "gamma", "delta"], keys, weights, weights.Sum());
            var gradient = new double[4];
            double total = problem.LogLikelihood(theta, gradient, CancellationToken.None);
            double noGradient = problem.LogLikelihood(theta, Span<double>.Empty, CancellationToken.None);

            double alpha = Math.Exp(theta[0]), beta = Math.Exp(theta[1]), gamma = Math.Exp(theta[2]), delta = Math.Exp(theta[3]);
            double expected = 0;
            var expectedGradient = new double[4];
            var row = new double[4];
            for (int i = 0; i < keys.Length; i++)
            {
                expected += weights[i] * BetaGeoBetaBinomMath.LnLikelihood(alpha, beta, gamma, delta, keys[i].X, keys[i].Tx, keys[i].N, row);
                for (int k = 0; k < 4; k++)
                {
                    expectedGradient[k] += weights[i] * row[k];
                }
            }

            double scale = keys.Length + Math.Abs(expected);
            bool close = Math.Abs(total - expected) <= 1e-10 * scale && total == noGradient;
            double gradientScale = keys.Length + expectedGradient.Sum(Math.Abs);
            for (int k = 0; k < 4; k++)
            {
                close &= Math.Abs(gradient[k] - expectedGradient[k]) <= 1e-9 * gradientScale;
            }

            return close.Label($"total {total} vs {expected}; gradient [{string.Join(", ", gradient)}] vs [{string.Join(", ", expectedGradient)}]");
        });

    [Fact]
    public void Fit_ADailyYearOfHistories_RecoversTheSimulatedParameters()
    {
        // 20,000 customers over 365 daily opportunities: p ~ Beta(1.2, 7.5), theta ~ Beta(0.66, 80). The per-history sum
        // took about 25 s for 100,000 such customers; the grouped sum makes this a routine fit.
        var histories = Recovery.Recovery.SimulateBinary(1.2, 7.5, 0.66, 80, 20_000, 365, seed: 42);

        var fit = BetaGeoBetaBinomModel.Fit(histories);

        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.InRange(fit.Model.Alpha / (fit.Model.Alpha + fit.Model.Beta), 1.2 / 8.7 * 0.95, 1.2 / 8.7 * 1.05);
        Assert.InRange(fit.Model.Gamma / (fit.Model.Gamma + fit.Model.Delta), 0.66 / 80.66 * 0.85, 0.66 / 80.66 * 1.15);
        Assert.InRange(fit.Model.Alpha, 1.2 * 0.8, 1.2 * 1.25);
        Assert.InRange(fit.Model.Gamma, 0.66 * 0.75, 0.66 * 1.33);
    }
}
