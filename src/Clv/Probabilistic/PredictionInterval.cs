using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>A prediction with its uncertainty: the lower and upper bounds at the report's level, and the median.</summary>
/// <param name="Lower">The lower bound: the (1 - level)/2 quantile.</param>
/// <param name="Median">The median: the 0.5 quantile.</param>
/// <param name="Upper">The upper bound: the (1 + level)/2 quantile.</param>
public readonly record struct PredictionInterval(double Lower, double Median, double Upper)
{
    /// <summary>Whether <paramref name="value"/> lies in [<see cref="Lower"/>, <see cref="Upper"/>].</summary>
    /// <param name="value">A realised or true value.</param>
    /// <returns>True when the interval covers the value.</returns>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>The interval as "median [lower, upper]", invariant culture.</summary>
    /// <returns>For example "0.8123 [0.7011, 0.8902]".</returns>
    public override string ToString() => Guard.Format($"{Median:G4} [{Lower:G4}, {Upper:G4}]");
}
