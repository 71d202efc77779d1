namespace Clv.Rfm;

/// <summary>How <see cref="RfmScorer"/> measures and scores recency, frequency and monetary value.</summary>
public sealed class RfmOptions
{
    /// <summary>The smallest number of scores per dimension (2).</summary>
    public const int MinScoreCount = 2;

    /// <summary>The largest number of scores per dimension (10).</summary>
    public const int MaxScoreCount = 10;

    /// <summary>The default options: k = 5, frequency in purchase days, monetary value as total net spend, quantile cut points.</summary>
    public static RfmOptions Default { get; } = new();

    /// <summary>The number of scores k per dimension, 2..10. Default 5 (scores 1..5).</summary>
    public int ScoreCount { get; init; } = 5;

    /// <summary>What F counts. Default <see cref="FrequencyMeasure.PurchaseDays"/>.</summary>
    public FrequencyMeasure FrequencyMeasure { get; init; } = FrequencyMeasure.PurchaseDays;

    /// <summary>What M measures. Default <see cref="MonetaryMeasure.Total"/> (total net spend).</summary>
    public MonetaryMeasure MonetaryMeasure { get; init; } = MonetaryMeasure.Total;

    /// <summary>
    /// Custom recency cut points in days since the last purchase, instead of population quantiles: exactly k - 1
    /// finite, strictly increasing values c_1 &lt; ... &lt; c_(k-1). R = k - (number of c_j strictly below the days),
    /// so days up to c_1 score k and days above c_(k-1) score 1. Default null (quantiles).
    /// </summary>
    public IReadOnlyList<double>? RecencyBreakpoints { get; init; }

    /// <summary>
    /// Custom frequency cut points in the unit of <see cref="FrequencyMeasure"/>: exactly k - 1 finite, strictly increasing
    /// values. F = 1 + (number of cut points strictly below the frequency). Default null (quantiles).
    /// </summary>
    public IReadOnlyList<double>? FrequencyBreakpoints { get; init; }

    /// <summary>
    /// Custom monetary cut points in the unit of <see cref="MonetaryMeasure"/>: exactly k - 1 finite, strictly increasing
    /// values. M = 1 + (number of cut points strictly below the value). Default null (quantiles).
    /// </summary>
    public IReadOnlyList<double>? MonetaryBreakpoints { get; init; }
}
