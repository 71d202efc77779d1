using Clv.Internal;

namespace Clv.Rfm;

/// <summary>How RFM cut points are fitted and customers scored: the score count, what F and M measure, and optional custom breakpoints.</summary>
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
    /// Custom R cut points in days since the last purchase, instead of population quantiles: exactly k − 1 finite, strictly
    /// increasing values c_1 &lt; ... &lt; c_(k−1). R = 1 + #{j : c_j &gt; days}: days below c_1 score k, days at or above c_(k−1)
    /// score 1 (with [30, 90] and k = 3: 0-29 days R 3, 30-89 R 2, 90 and more R 1). Default null (quantiles).
    /// </summary>
    public IReadOnlyList<double>? DaysSinceLastPurchaseBreakpoints { get; init; }

    /// <summary>
    /// Custom F cut points in the unit of <see cref="FrequencyMeasure"/>: exactly k − 1 finite, strictly increasing values.
    /// F = 1 + #{j : c_j &lt; frequency}. Default null (quantiles).
    /// </summary>
    public IReadOnlyList<double>? FrequencyBreakpoints { get; init; }

    /// <summary>
    /// Custom M cut points in the unit of <see cref="MonetaryMeasure"/>: exactly k − 1 finite, strictly increasing values.
    /// M = 1 + #{j : c_j &lt; monetary}. Default null (quantiles).
    /// </summary>
    public IReadOnlyList<double>? MonetaryBreakpoints { get; init; }

    /// <summary>Checks every option once; errors name the property by its path from the caller's parameter (<c>options.ScoreCount</c>, or <c>options.Rfm.ScoreCount</c> inside other options).</summary>
    /// <param name="path">The path of these options.</param>
    internal RfmOptions Validate(string path = "options")
    {
        if (ScoreCount is < MinScoreCount or > MaxScoreCount)
        {
            ThrowHelper.ArgumentOutOfRange(path + ".ScoreCount", ScoreCount, Guard.Format($"{path}.ScoreCount must be between {MinScoreCount} and {MaxScoreCount}, but was {ScoreCount}."));
        }

        if (!Enum.IsDefined(FrequencyMeasure))
        {
            ThrowHelper.ArgumentOutOfRange(path + ".FrequencyMeasure", FrequencyMeasure, Guard.Format($"{path}.FrequencyMeasure must be PurchaseDays or RepeatPurchases, but was {(int)FrequencyMeasure}."));
        }

        if (!Enum.IsDefined(MonetaryMeasure))
        {
            ThrowHelper.ArgumentOutOfRange(path + ".MonetaryMeasure", MonetaryMeasure, Guard.Format($"{path}.MonetaryMeasure must be Total or Mean, but was {(int)MonetaryMeasure}."));
        }

        CheckBreakpoints(DaysSinceLastPurchaseBreakpoints, path + ".DaysSinceLastPurchaseBreakpoints");
        CheckBreakpoints(FrequencyBreakpoints, path + ".FrequencyBreakpoints");
        CheckBreakpoints(MonetaryBreakpoints, path + ".MonetaryBreakpoints");
        return this;
    }

    private void CheckBreakpoints(IReadOnlyList<double>? values, string name)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count != ScoreCount - 1)
        {
            ThrowHelper.Argument(name, Guard.Format($"{name} must hold exactly ScoreCount - 1 = {ScoreCount - 1} cut points, but holds {values.Count}."));
        }

        for (int i = 0; i < values.Count; i++)
        {
            double v = values[i];
            if (!double.IsFinite(v))
            {
                ThrowHelper.Argument(name, Guard.Format($"{name}[{i}] must be a finite number, but was {v}."));
            }

            if (i > 0 && !(v > values[i - 1]))
            {
                ThrowHelper.Argument(name, Guard.Format($"{name} must be strictly increasing, but {name}[{i}] ({v}) {(v == values[i - 1] ? "duplicates" : "is below")} {name}[{i - 1}] ({values[i - 1]})."));
            }
        }
    }
}
