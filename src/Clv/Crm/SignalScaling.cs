namespace Clv.Crm;

/// <summary>How a user-supplied health signal (<see cref="CustomHealthSignal"/>) is normalised to [0, 1].</summary>
public enum SignalScaling
{
    /// <summary>
    /// Min-max: (v - min) / (max - min), clamped to [0, 1]. The bounds are <see cref="CustomHealthSignal.Minimum"/> and
    /// <see cref="CustomHealthSignal.Maximum"/> when both are set (for a scale with known ends, such as NPS from -100 to 100),
    /// otherwise the smallest and largest non-missing values among the customers. When every non-missing value is equal the
    /// signal does not tell customers apart and each gets 0.5.
    /// </summary>
    MinMax = 0,

    /// <summary>
    /// Percentile rank among the customers' non-missing values: (below + (equal - 1) / 2) / (n - 1), where below counts the
    /// values strictly smaller and equal the values equal to v (the customer included); 0 for the smallest value, 1 for the
    /// largest, tied values share a rank, and a single value gets 0.5. Robust to outliers.
    /// </summary>
    PercentileRank = 1,
}
