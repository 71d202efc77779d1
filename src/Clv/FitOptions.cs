using Clv.Internal;

namespace Clv;

/// <summary>
/// Options of every maximum-likelihood fit in the library (BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma, BG/BB, sBG):
/// penalty, iteration cap, convergence tolerance, progress and cancellation. Immutable; validated when a fit starts.
/// </summary>
/// <remarks>
/// Every fit maximises ln L over the log-parameters with damped Newton steps. It stops when the Newton step to the maximum
/// is shorter than <see cref="Tolerance"/> standard errors (the square root of the Newton decrement g' H⁻¹ g of the total
/// log-likelihood), a test that means the same at 100 customers and at 10 million.
/// </remarks>
public sealed class FitOptions
{
    /// <summary>The smallest <see cref="Tolerance"/> accepted (10⁻¹²).</summary>
    public const double MinTolerance = 1e-12;

    /// <summary>The shared default options: no penalty, at most 200 Newton iterations per start, tolerance 10⁻⁴ standard errors.</summary>
    public static FitOptions Default { get; } = new();

    /// <summary>
    /// L2 penalty λ on the log-parameters, per customer (default 0: plain maximum likelihood). The fit maximises
    /// ln L / N − λ Σᵢ ln²(θᵢ / θᵢ⁰), where θᵢ⁰ is the data's own scale of each parameter (1 for shapes such as r, a, b, s, p, q;
    /// the mean inter-purchase time for α; the mean age for β; the mean spend for v), so the same λ means the same thing
    /// whatever the time unit or the currency. Because it is per customer, its pull does not fade as the data grow: use it to keep
    /// sparse or ill-conditioned data from driving parameters to extremes, not as a habit. On CDNOW (2,357 customers, BG/NBD)
    /// λ = 10⁻⁴ moves no parameter by more than 3% and the total 52-week prediction by less than 0.5%; λ = 10⁻³ moves parameters
    /// by up to 16% (about one standard error) and the prediction by less than 3%. At least 0.
    /// </summary>
    public double L2Penalty { get; init; }

    /// <summary>Newton iterations allowed from each starting point (default 200; at least 1). A fit that needs more throws <see cref="ModelFitException"/>.</summary>
    public int MaxIterations { get; init; } = 200;

    /// <summary>
    /// Convergence tolerance: the fit stops when the Newton step to the maximum is shorter than this many standard errors
    /// (default 10⁻⁴; between <see cref="MinTolerance"/> and 1).
    /// </summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Receives the stage and fraction done of the fit as it goes (from the fitting thread). Default: none.</summary>
    public IProgress<FitProgress>? Progress { get; init; }

    /// <summary>
    /// Checked before the work starts, inside every pass over the data (every few thousand rows) and between iterations; a
    /// cancelled fit throws <see cref="OperationCanceledException"/> within milliseconds. Default: none.
    /// </summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Checks every option once, at the start of a fit; errors name the property (<c>options.Tolerance</c>).</summary>
    /// <summary>
    /// A starting point in natural parameters (coefficients as they are) tried before the problem's own starts, which are tried
    /// only when it fails; null for none. Bootstrap refits start from the full-data estimate, where Newton needs a few steps.
    /// </summary>
    internal double[]? Start { get; init; }

    internal FitOptions Validate()
    {
        Guard.NonNegative(L2Penalty, "options.L2Penalty");
        if (MaxIterations < 1)
        {
            ThrowHelper.ArgumentOutOfRange("options.MaxIterations", MaxIterations, Guard.Format($"options.MaxIterations must be at least 1, but was {MaxIterations}."));
        }

        if (!(Tolerance >= MinTolerance && Tolerance <= 1))
        {
            ThrowHelper.ArgumentOutOfRange("options.Tolerance", Tolerance, Guard.Format($"options.Tolerance must be between {MinTolerance} and 1 (standard errors), but was {Tolerance}."));
        }

        return this;
    }
}
