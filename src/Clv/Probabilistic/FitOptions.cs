namespace Clv.Probabilistic;

/// <summary>Options for the maximum-likelihood fits of the repeat-purchase and spend models.</summary>
public sealed class FitOptions
{
    /// <summary>The shared default options: no penalty, 2,000 iterations per optimizer attempt.</summary>
    public static FitOptions Default { get; } = new();

    /// <summary>
    /// L2 penalty λ (default 0: plain maximum likelihood). The optimizer minimises
    /// -ln L / N + λ Σ θ_i², where θ_i are the natural parameters (as Python lifetimes' <c>penalizer_coef</c>);
    /// a small λ (0.001 to 0.1) keeps sparse data from driving parameters to extremes.
    /// </summary>
    public double L2Penalty { get; init; }

    /// <summary>Iteration cap per optimizer attempt (default 2,000).</summary>
    public int MaxIterations { get; init; } = 2000;

    /// <summary>Checked before every likelihood evaluation; a cancelled fit throws <see cref="OperationCanceledException"/>. Default: none.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Receives the number of likelihood evaluations so far, after each one (a fit takes tens to a few hundred). Default: none.</summary>
    public IProgress<int>? Progress { get; init; }
}
