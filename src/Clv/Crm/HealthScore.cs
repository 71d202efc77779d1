using Clv.Internal;

namespace Clv.Crm;

/// <summary>
/// The customer health score (how B2B and SaaS CRM teams watch accounts): a weighted mean of normalised signals
/// (<see cref="HealthSignals"/>) scaled to 0..100, banded Red, Amber or Green, with the top contributing signal as the reason
/// and the weakest signal as what to work on.
/// </summary>
/// <remarks>
/// For customer i with non-missing signals K_i: score = 100 x sum over k in K_i of w_k s_ik / sum over k in K_i of w_k, where
/// s_ik in [0, 1] is the normalised signal and w_k its normalised weight. So the weights the customer has are renormalised to sum
/// to 1, the score is non-decreasing in every signal, and a customer whose signals are all missing is not scored. The score is
/// rounded to <see cref="ScoreDecimals"/> decimals before it is banded, so that a score that is a threshold in exact arithmetic
/// (29 from a signal of 0.29) lands on it, not a rounding error below it (28.999999999999996) in the band under it.
/// </remarks>
public static class HealthScore
{
    /// <summary>The decimals a score is rounded to (12): far below any threshold's meaning, above the rounding error of the doubles it is computed in (about 1e-13 points with ten signals).</summary>
    public const int ScoreDecimals = 12;

    /// <summary>The health of one customer.</summary>
    /// <param name="signals">The normalised signals.</param>
    /// <param name="customer">The customer's position.</param>
    /// <returns>The customer's score, band, reason and weakest signal.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signals"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customer"/> is not a valid position.</exception>
    public static CustomerHealth Score(HealthSignals signals, int customer)
    {
        ArgumentNullException.ThrowIfNull(signals);
        if ((uint)customer >= (uint)signals.Count)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(customer), customer, Guard.Format($"customer must be between 0 and {signals.Count - 1}, but was {customer}."));
        }

        return ScoreUnchecked(signals, customer);
    }

    /// <summary>The health of every customer, into <paramref name="destination"/>.</summary>
    /// <param name="signals">The normalised signals.</param>
    /// <param name="destination">One result per customer, aligned with the summaries.</param>
    /// <exception cref="ArgumentNullException"><paramref name="signals"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not have one element per customer.</exception>
    public static void Score(HealthSignals signals, Span<CustomerHealth> destination)
    {
        ArgumentNullException.ThrowIfNull(signals);
        Guard.SameLength(signals.Count, destination.Length);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = ScoreUnchecked(signals, i);
        }
    }

    /// <summary>The health of every customer.</summary>
    /// <param name="signals">The normalised signals.</param>
    /// <returns>One result per customer, aligned with the summaries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signals"/> is null.</exception>
    public static CustomerHealth[] Score(HealthSignals signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        var result = new CustomerHealth[signals.Count];
        Score(signals, result);
        return result;
    }

    /// <summary>The band of a score under the options' thresholds: Red below AmberFrom, Amber below GreenFrom, Green otherwise; NotScored for NaN.</summary>
    /// <param name="score">The score, in [0, 100] or NaN.</param>
    /// <param name="options">The thresholds; <see cref="HealthScoreOptions.Default"/> (40, 70) when null.</param>
    /// <returns>The band.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is not NaN and outside [0, 100] (infinities included), or an option is out of range.</exception>
    public static HealthBand Band(double score, HealthScoreOptions? options)
    {
        if (!double.IsNaN(score) && !(score >= 0 && score <= 100))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(score), score, Guard.Format($"score must be between 0 and 100 or NaN (not scored), but was {score}."));
        }

        options = (options ?? HealthScoreOptions.Default).Validate();
        return BandUnchecked(score, options);
    }

    private static HealthBand BandUnchecked(double score, HealthScoreOptions options) =>
        double.IsNaN(score) ? HealthBand.NotScored :
        score >= options.GreenFrom ? HealthBand.Green :
        score >= options.AmberFrom ? HealthBand.Amber : HealthBand.Red;

    /// <summary>
    /// The health of every customer without their ids (<see cref="CustomerHealth.CustomerId"/> null): for the scorecard, which
    /// keeps the ids once; packed ids would otherwise each become a string here.
    /// </summary>
    internal static CustomerHealth[] ScoreWithoutIds(HealthSignals signals)
    {
        // The columns and weights taken once (not through the public views for every customer and signal), over the cores.
        var result = new CustomerHealth[signals.Count];
        var (columns, weights, names) = signals.Arrays;
        var options = signals.Options;
        Parallelism.For(result.Length, (from, to) =>
        {
            for (int i = from; i < to; i++)
            {
                result[i] = Score(columns, weights, names, options, i, null!);
            }
        });

        return result;
    }

    private static CustomerHealth ScoreUnchecked(HealthSignals signals, int customer)
    {
        var (columns, weights, names) = signals.Arrays;
        return Score(columns, weights, names, signals.Options, customer, signals.CustomerId(customer));
    }

    private static CustomerHealth Score(double[][] columns, double[] weights, string[] names, HealthScoreOptions options, int customer, string id)
    {
        double sum = 0, weight = 0, best = double.NegativeInfinity, worst = double.NegativeInfinity;
        int reason = -1, weakest = -1;
        for (int k = 0; k < weights.Length; k++)
        {
            double s = columns[k][customer];
            if (double.IsNaN(s))
            {
                continue;
            }

            double w = weights[k];
            sum += w * s;
            weight += w;
            if (w * s > best)
            {
                best = w * s;
                reason = k;
            }

            if (w * (1 - s) > worst)
            {
                worst = w * (1 - s);
                weakest = k;
            }
        }

        if (!(weight > 0))
        {
            return new CustomerHealth(id, double.NaN, HealthBand.NotScored, null, null);
        }

        // A signal that adds no point is no reason (a customer at 0 has none), and one that costs none is not the weakest
        // (a customer at 100 has none): naming the first-listed signal there told the CRM something untrue.
        // Rounded to 12 decimals: 100 x 0.29 is 28.999999999999996 in doubles, and a customer whose exact score is a band's
        // threshold (a signal of 29 on a 0 to 100 scale, AmberFrom 29) was banded below it and written so into the CRM.
        double score = Math.Round(Math.Min(100, 100 * sum / weight), ScoreDecimals);
        return new CustomerHealth(id, score, BandUnchecked(score, options), best > 0 ? names[reason] : null, worst > 0 ? names[weakest] : null);
    }
}
