using Clv.Internal;

namespace Clv.Crm;

/// <content>The normalisation rules, one scalar function each, which <see cref="Create"/> applies to every customer.</content>
public sealed partial class HealthSignals
{
    /// <summary>The name of the recency signal.</summary>
    public const string RecencyName = "recency";

    /// <summary>The name of the frequency trend signal.</summary>
    public const string FrequencyTrendName = "frequency_trend";

    /// <summary>The name of the spend trend signal.</summary>
    public const string SpendTrendName = "spend_trend";

    /// <summary>The name of the P(alive) signal.</summary>
    public const string AliveProbabilityName = "alive_probability";

    /// <summary>
    /// The recency rule: exponential decay with a half-life, 0.5^(<paramref name="daysSinceLastPurchase"/> / <paramref name="halfLifeDays"/>);
    /// 1 for a purchase on the observation end, 0.5 after one half-life, and 0 for a customer with no purchase (null days).
    /// </summary>
    /// <param name="daysSinceLastPurchase">Whole days from the last purchase to the observation end (<see cref="CustomerSummary.DaysSinceLastPurchase"/>), at least 0; null for no purchase.</param>
    /// <param name="halfLifeDays">The half-life in days, greater than 0.</param>
    /// <returns>The signal in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="daysSinceLastPurchase"/> is negative, or <paramref name="halfLifeDays"/> is not a finite number greater than 0.</exception>
    public static double Recency(int? daysSinceLastPurchase, double halfLifeDays)
    {
        Guard.Positive(halfLifeDays);
        if (daysSinceLastPurchase is not { } days)
        {
            return 0;
        }

        Guard.NonNegative(days, nameof(daysSinceLastPurchase));
        return Math.Pow(0.5, days / halfLifeDays);
    }

    /// <summary>
    /// The trend rule: the recent window's share of the two windows, <paramref name="recent"/> / (<paramref name="recent"/> + <paramref name="prior"/>);
    /// 0.5 when flat, above 0.5 when growing (1 when nothing happened in the prior window), below when declining (0 when
    /// nothing happened in the recent one). It is the ratio q = recent / prior mapped to [0, 1] by q / (1 + q). NaN (missing)
    /// when both are 0: no activity, so no trend.
    /// </summary>
    /// <param name="recent">Purchase days (frequency trend) or spend (spend trend) in the recent window, finite and at least 0.</param>
    /// <param name="prior">The same in the prior window, finite and at least 0.</param>
    /// <returns>The signal in [0, 1], or NaN.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative or not finite.</exception>
    public static double Trend(double recent, double prior)
    {
        Guard.NonNegative(recent);
        Guard.NonNegative(prior);
        return TrendUnchecked(recent, prior);
    }

    /// <summary>
    /// The min-max rule: (<paramref name="value"/> - <paramref name="minimum"/>) / (<paramref name="maximum"/> - <paramref name="minimum"/>)
    /// clamped to [0, 1], or 1 minus that when lower is better; 0.5 when the bounds are equal. NaN stays NaN (missing).
    /// </summary>
    /// <param name="value">The raw value, finite or NaN.</param>
    /// <param name="minimum">The lower bound, finite.</param>
    /// <param name="maximum">The upper bound, finite and at least <paramref name="minimum"/>.</param>
    /// <param name="higherIsBetter">Whether a higher value is healthier.</param>
    /// <returns>The signal in [0, 1], or NaN.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A bound is not finite, <paramref name="maximum"/> is below <paramref name="minimum"/>, or <paramref name="value"/> is infinite.</exception>
    public static double MinMax(double value, double minimum, double maximum, bool higherIsBetter)
    {
        Guard.Finite(minimum);
        Guard.Finite(maximum);
        if (!(maximum >= minimum))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(maximum), maximum, Guard.Format($"maximum ({maximum}) must be at least minimum ({minimum})."));
        }

        if (double.IsInfinity(value))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(value), value, Guard.Format($"value must be finite or NaN (missing), but was {value}."));
        }

        return MinMaxUnchecked(value, minimum, maximum, higherIsBetter);
    }

    /// <summary>The trend rule without the checks: both finite and at least 0.</summary>
    private static double TrendUnchecked(double recent, double prior)
    {
        double total = recent + prior;
        if (double.IsPositiveInfinity(total))
        {
            // Two finite amounts near 1e308 whose sum overflows: halved (exact), so the share is the same to the bit and a flat
            // trend is still 0.5, not recent / infinity = 0 ("stopped").
            recent *= 0.5;
            prior *= 0.5;
            total = recent + prior;
        }

        return total > 0 ? recent / total : double.NaN;
    }

    /// <summary>Whether <paramref name="name"/> is one of the four built-in signal names.</summary>
    internal static bool IsBuiltIn(string name) =>
        name is RecencyName or FrequencyTrendName or SpendTrendName or AliveProbabilityName;

    private static double MinMaxUnchecked(double value, double minimum, double maximum, bool higherIsBetter)
    {
        if (double.IsNaN(value))
        {
            return double.NaN;
        }

        // Bounds wider than the largest double (-1e308 to 1e308) are halved first: halving is exact, so every other ratio is
        // the same to the bit, and this one no longer divides by infinity.
        double range = maximum - minimum;
        double scaled = !(maximum > minimum) ? 0.5
            : double.IsFinite(range) ? Math.Clamp((value - minimum) / range, 0, 1)
            : Math.Clamp(((0.5 * value) - (0.5 * minimum)) / ((0.5 * maximum) - (0.5 * minimum)), 0, 1);
        return higherIsBetter ? scaled : 1 - scaled;
    }

    /// <summary>Mid-rank percentile of every non-NaN value (NaN stays NaN); see <see cref="SignalScaling.PercentileRank"/>.</summary>
    private static void PercentileRanks(ReadOnlySpan<double> values, bool higherIsBetter, Span<double> destination)
    {
        var present = new List<(double Value, int Index)>(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                destination[i] = double.NaN;
            }
            else
            {
                present.Add((values[i], i));
            }
        }

        present.Sort((a, b) => a.Value.CompareTo(b.Value));
        int n = present.Count;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end < n && present[end].Value == present[start].Value)
            {
                end++;
            }

            // start values are strictly smaller; end - start are equal.
            double rank = n == 1 ? 0.5 : (start + ((end - start - 1) / 2.0)) / (n - 1);
            for (int k = start; k < end; k++)
            {
                destination[present[k].Index] = higherIsBetter ? rank : 1 - rank;
            }

            start = end;
        }
    }
}
