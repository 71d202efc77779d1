namespace Clv;

/// <summary>What kind of maximum a fit found. Anything but <see cref="Converged"/> comes with a sentence in <see cref="FitResult{TModel}.StatusMessage"/>.</summary>
public enum FitStatus
{
    /// <summary>An interior maximum: the Newton step to it is below the tolerance and every parameter is identified by the data.</summary>
    Converged = 0,

    /// <summary>
    /// The likelihood is (almost) flat along a direction: moving the named parameters together by a factor of 20 changes ln L by
    /// less than 1, so the data cannot tell their values apart (for example BG/NBD a and b growing together with a/(a + b)
    /// held). Predictions are stable along the ridge; the parameter values along it are not.
    /// </summary>
    Ridge = 1,

    /// <summary>
    /// A parameter ran to the edge of its range (towards 0 or infinity) because the likelihood keeps rising that way, for example
    /// r and α of BG/NBD growing together when every customer buys at the same rate. The estimate is the limit's best approximation.
    /// </summary>
    Boundary = 2,
}
