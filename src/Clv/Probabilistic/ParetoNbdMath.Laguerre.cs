using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>The tail integral where r + s + x is in the millions: Gauss-Laguerre in τ = −ln v.</summary>
internal static partial class ParetoNbdMath
{
    /// <summary>
    /// Gauss-Laguerre is used where the integrand's one real singularity lies at least this many times (b + 2n) past the
    /// origin in x = a τ (n = 16 nodes, the largest at 51.7): there 1 + (z/ε)(1 − e^(−τ)) changes smoothly over the nodes and
    /// the rule's error, about ((b + 2n)/(2D))^(2n), is far below rounding. Checked against the panels and mpmath (test
    /// <c>ParetoNbdTailLaguerreTests</c>).
    /// </summary>
    private const double LaguerreReach = 2;

    /// <summary>
    /// Whether <see cref="LnTailIntegralByLaguerre"/> applies: D = −a ln z, the distance of the singularity of
    /// (1 − z e^(−x/a))^(−b) from x = 0, is at least <see cref="LaguerreReach"/> (b + 32). Where every customer buys at one
    /// rate (r in the millions, b = s + 1 a few dozen), it is, and the panels' few hundred nodes become sixteen.
    /// </summary>
    internal static bool LaguerreApplies(double a, double b, double epsilon) =>
        -a * SpecialMath.Log1P(-epsilon) >= LaguerreReach * (b + (2 * LaguerreNodes.Length));

    /// <summary>
    /// ln I(a, b, z) with d ln I / d(a, b, z), I = ∫₀¹ v^(a−1) (1 − z v)^(−b) dv = ∫₀^∞ e^(−a τ) (1 − z e^(−τ))^(−b) dτ
    /// (v = e^(−τ)), by 16-point Gauss-Laguerre in x = a τ. 1 − z e^(−τ) is taken as −expm1(−τ) + ε e^(−τ) (no cancellation),
    /// and the terms are scaled by their largest, the first node's (the integrand falls in τ), so nothing overflows.
    /// </summary>
    internal static double LnTailIntegralByLaguerre(double a, double b, double epsilon, out double da, out double db, out double dz)
    {
        double z = 1 - epsilon;
        double tauFirst = LaguerreNodes[0] / a, backFirst = Math.Exp(-tauFirst);
        double uFirst = -SpecialMath.ExpM1(-tauFirst) + (epsilon * backFirst), lnFirst = Math.Log(uFirst);
        double sum = 0, sa = 0, sb = 0, sz = 0;
        for (int i = 0; i < LaguerreNodes.Length; i++)
        {
            double tau = LaguerreNodes[i] / a;
            double back = Math.Exp(-tau);
            double u = -SpecialMath.ExpM1(-tau) + (epsilon * back);
            double lnU = Math.Log(u);

            // ln(u/u₀) from u − u₀ = −z e^(−τ₀) expm1(−(τ − τ₀)), not lnU − lnU₀: b times that difference's rounding (1e-15 of
            // ln ε) would be 1e-9 of the term where b is in the millions.
            double lnGrowth = i == 0 ? 0 : SpecialMath.Log1P(-z * backFirst * SpecialMath.ExpM1(-(tau - tauFirst)) / uFirst);
            double f = LaguerreWeights[i] * Math.Exp(-b * lnGrowth);
            sum += f;
            sa -= f * tau;
            sb -= f * lnU;
            sz += f * back / u;
        }

        da = sa / sum;
        db = sb / sum;
        dz = b * sz / sum;
        return -Math.Log(a) - (b * lnFirst) + Math.Log(sum);
    }

    /// <summary>The 16 roots of the Laguerre polynomial L₁₆ (mpmath, 60 digits).</summary>
    private static readonly double[] LaguerreNodes =
    [
        0.08764941047892784036, 0.46269632891508083188, 1.1410577748312268569, 2.1292836450983806163,
        3.4370866338932066452, 5.0780186145497679129, 7.0703385350482341304, 9.4383143363919387839,
        12.214223368866158737, 15.441527368781617077, 19.180156856753134855, 23.515905693991908532,
        28.578729742882140368, 34.583398702286625815, 41.940452647688332635, 51.701160339543318364,
    ];

    /// <summary>The 16-point Gauss-Laguerre weights x / ((n + 1)² L₁₇(x)²) at <see cref="LaguerreNodes"/> (mpmath, 60 digits).</summary>
    private static readonly double[] LaguerreWeights =
    [
        0.20615171495780099433, 0.33105785495088416599, 0.2657957776442141526, 0.13629693429637753998,
        0.047328928694125218978, 0.011299900080339453231, 0.0018490709435263108643, 0.00020427191530827846013,
        0.000014844586873981298771, 6.8283193308711995644e-7, 1.8810248410796732139e-8, 2.8623502429738816196e-10,
        2.1270790332241029674e-12, 6.2979670025178677872e-15, 5.0504737000355128204e-18, 4.1614623703728551904e-22,
    ];
}
