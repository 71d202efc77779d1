using Clv.Probabilistic;
using MathNet.Numerics.Distributions;

namespace Clv.Tests.Probabilistic.Recovery;

/// <summary>
/// Parameter recovery: simulate data from known parameters, fit, and compare. Deviations are measured in standard errors of the
/// log-parameter (|ln θ̂ − ln θ| / SE(ln θ̂)), the scale the fits work in and where the estimates are close to normal.
/// </summary>
internal static class Recovery
{
    /// <summary>Whether this build runs the large cases (1M customers, full grids at 100k): Release builds, as CI runs them.</summary>
#if DEBUG
    public const bool LargeEnabled = false;
#else
    public const bool LargeEnabled = true;
#endif

    public const string LargeSkipReason = "Large recovery cases run in Release builds (dotnet test -c Release), as CI runs them.";

    /// <summary>Each parameter at the ends and the middle of the ranges the 1.0 issue names.</summary>
    public static readonly double[] R = [0.1, 0.8, 3];
    public static readonly double[] Alpha = [0.5, 6, 50];
    public static readonly double[] A = [0.2, 1, 5];
    public static readonly double[] B = [0.5, 4, 20];

    /// <summary>Every combination of the four levels: 81 points.</summary>
    public static IEnumerable<double[]> Grid()
    {
        foreach (double r in R)
        {
            foreach (double alpha in Alpha)
            {
                foreach (double a in A)
                {
                    foreach (double b in B)
                    {
                        yield return [r, alpha, a, b];
                    }
                }
            }
        }
    }

    /// <summary>
    /// Ages of customers born uniformly over the first 12 weeks and observed to week 52 (T in (40, 52] weeks), as in the 1.0 issue's
    /// 300k case; purchase times are simulated in continuous time (rounding to days would merge same-day purchases).
    /// </summary>
    public static double[] Ages(int count, int seed)
    {
        var random = new Random(seed);
        var ages = new double[count];
        for (int i = 0; i < count; i++)
        {
            ages[i] = 52 - (12 * random.NextDouble());
        }

        return ages;
    }

    /// <summary>The largest deviation of the estimates from the truth, in standard errors of the log-parameter; +∞ when a standard error is missing.</summary>
    public static double Deviation(IReadOnlyList<FittedParameter> estimates, IReadOnlyList<double> truth)
    {
        double worst = 0;
        for (int k = 0; k < truth.Count; k++)
        {
            var p = estimates[k];
            double lnSe = p.StandardError / p.Estimate;
            double d = Math.Abs(Math.Log(p.Estimate / truth[k])) / lnSe;
            worst = Math.Max(worst, double.IsFinite(d) ? d : double.PositiveInfinity);
        }

        return worst;
    }

    public static string Describe(IReadOnlyList<FittedParameter> estimates) =>
        string.Join(", ", estimates.Select(p => FormattableString.Invariant($"{p.Name} {p.Estimate:G4} ± {p.StandardError:G2}")));

    /// <summary>
    /// The likelihood-ratio bound for "consistent with the truth" when the Wald standard errors are unreliable: 2 (ln L̂ − ln L(truth))
    /// at most the 0.9999 quantile of χ² with 4 degrees of freedom (23.51), the same coverage as ±4 SE of one normal parameter.
    /// </summary>
    public const double LikelihoodRatioBound = 23.51;

    /// <summary>One fit of a grid: its status, Wald deviation, likelihood-ratio statistic against the truth, and a line for the report.</summary>
    public readonly record struct Outcome(double[] Truth, FitStatus Status, double Deviation, double LikelihoodRatio, string Line)
    {
        /// <summary>Within 4 SE of the truth, or (where the likelihood is far from quadratic) the truth inside the likelihood-ratio region.</summary>
        public bool Recovered => Deviation <= 4 || LikelihoodRatio <= LikelihoodRatioBound;
    }

    /// <summary>
    /// Fits every truth with <paramref name="fit"/>, which also gives ln L at the truth on the same data; exceptions fail the test, the
    /// rest is returned for the caller's checks.
    /// </summary>
    public static List<Outcome> Run<TModel>(IEnumerable<double[]> truths, Func<double[], int, (FitResult<TModel> Fit, Func<double> TruthLikelihoodLn)> fit)
        where TModel : class, IJsonPersistable<TModel>
    {
        var outcomes = new List<Outcome>();
        int seed = 1;
        foreach (var truth in truths)
        {
            var (result, truthLikelihood) = fit(truth, seed++);
            double deviation = Deviation(result.Parameters, truth);
            double ratio = deviation <= 4 ? 0 : 2 * (result.LikelihoodLn - truthLikelihood());
            outcomes.Add(new Outcome(truth, result.Status, deviation, ratio, FormattableString.Invariant(
                $"truth ({string.Join(", ", truth)}): {result.Status}, {deviation:F2} SE{(deviation > 4 ? FormattableString.Invariant($" (likelihood ratio {ratio:F2})") : string.Empty)}, {result.Iterations} iterations; {Describe(result.Parameters)}")));
        }

        return outcomes;
    }

    /// <summary>
    /// The checks every grid obeys: every converged fit recovers the truth (within 4 SE, or inside the likelihood-ratio region where the
    /// likelihood is far from quadratic: the report counts those); every other fit says why in its status; and at least
    /// <paramref name="minimumConverged"/> converge. Writes the report to the test output.
    /// </summary>
    public static void Check(string name, List<Outcome> outcomes, int minimumConverged)
    {
        var output = TestContext.Current.TestOutputHelper;
        var converged = outcomes.Where(o => o.Status == FitStatus.Converged).ToList();
        output?.WriteLine(FormattableString.Invariant(
            $"{name}: {converged.Count} of {outcomes.Count} converged, {converged.Count(o => o.Deviation <= 4)} within 4 SE, {converged.Count(o => o.Deviation > 4 && o.Recovered)} more inside the likelihood-ratio region; {outcomes.Count(o => o.Status == FitStatus.Ridge)} ridges, {outcomes.Count(o => o.Status == FitStatus.Boundary)} boundaries"));
        foreach (var o in outcomes)
        {
            output?.WriteLine("  " + o.Line);
        }

        Assert.All(converged, o => Assert.True(o.Recovered, o.Line));
        Assert.True(converged.Count >= minimumConverged, FormattableString.Invariant($"{name}: only {converged.Count} of {outcomes.Count} fits converged (at least {minimumConverged} expected)"));
    }

    /// <summary>ln L of weighted histories under a model.</summary>
    public static double LikelihoodLn(PurchaseModel model, PurchaseHistory[] histories) =>
        histories.Sum(h => h.Weight * model.LikelihoodLn(h.Frequency, h.Recency, h.Age));

    /// <summary>Repeat customers for Gamma-Gamma: x ~ 1 + Poisson(3), ν ~ Gamma(q, v), mean spend m_x ~ Gamma(p x, ν x).</summary>
    public static (int[] X, double[] M) SimulateSpend(double p, double q, double v, int count, int seed)
    {
        var random = new Random(seed);
        var x = new int[count];
        var m = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = 1 + Poisson.Sample(random, 3);
            double nu = Gamma.Sample(random, q, v);
            m[i] = Gamma.Sample(random, p * x[i], nu * x[i]);
        }

        return (x, m);
    }

    /// <summary>BG/BB histories over <paramref name="opportunities"/> opportunities: p ~ Beta(α, β), θ ~ Beta(γ, δ).</summary>
    public static BinaryPurchaseHistory[] SimulateBinary(double alpha, double beta, double gamma, double delta, int count, int opportunities, int seed)
    {
        var random = new Random(seed);
        var histories = new BinaryPurchaseHistory[count];
        for (int i = 0; i < count; i++)
        {
            double p = Beta.Sample(random, alpha, beta), theta = Beta.Sample(random, gamma, delta);
            int x = 0, tx = 0;
            for (int t = 1; t <= opportunities; t++)
            {
                if (random.NextDouble() < theta)
                {
                    break;
                }

                if (random.NextDouble() < p)
                {
                    x++;
                    tx = t;
                }
            }

            histories[i] = new BinaryPurchaseHistory(x, tx, opportunities);
        }

        return histories;
    }

    /// <summary>An sBG cohort of <paramref name="size"/> subscribers over <paramref name="periods"/> periods: θ ~ Beta(α, β), churn each period with probability θ.</summary>
    public static int[] SimulateCohort(double alpha, double beta, int size, int periods, int seed)
    {
        var random = new Random(seed);
        var alive = new int[periods + 1];
        for (int i = 0; i < size; i++)
        {
            double theta = Beta.Sample(random, alpha, beta);
            int t = 0;
            alive[0]++;
            while (t < periods && random.NextDouble() >= theta)
            {
                t++;
                alive[t]++;
            }
        }

        return alive;
    }
}
