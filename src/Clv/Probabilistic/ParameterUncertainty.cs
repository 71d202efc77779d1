namespace Clv.Probabilistic;

/// <summary>How <see cref="PredictionIntervals"/> draws the parameter sets that carry the uncertainty of a fit.</summary>
public enum ParameterUncertainty
{
    /// <summary>No parameter uncertainty: every prediction uses the fitted parameters (process intervals only).</summary>
    None,

    /// <summary>
    /// Draws from the fit's asymptotic normal distribution of the log-parameters (<c>FitResult.LogCovariance</c>): fast, and
    /// accurate when the sample is large enough for the likelihood to be nearly quadratic in the log-parameters.
    /// </summary>
    Asymptotic,

    /// <summary>
    /// A Poisson bootstrap over customers (Hanley &amp; MacGibbon 2006): each distinct row's weight w becomes a Poisson(w) draw and the
    /// model is refitted, once per draw. Makes no normality assumption; costs one fit per draw.
    /// </summary>
    Bootstrap,
}
