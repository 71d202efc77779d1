using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// One customer's (or a group of identical customers') history over discrete purchase opportunities, the input of
/// <see cref="BetaGeoBetaBinomModel"/>: a purchase (a donation, a renewal) either happens at an opportunity or not.
/// </summary>
/// <remarks>
/// With opportunities numbered 1..n after the first purchase: <see cref="Frequency"/> x is the number of
/// opportunities with a purchase, <see cref="Recency"/> t_x the number of the last one (0 without any),
/// <see cref="Periods"/> n the number of opportunities observed, so 0 &lt;= x &lt;= t_x &lt;= n and x = 0 exactly
/// when t_x = 0. <see cref="Weight"/> counts the customers who share the history (Fader, Hardie and Shang 2010
/// report their data this way).
/// </remarks>
public readonly record struct BinaryPurchaseHistory
{
    /// <summary>Creates a validated history.</summary>
    /// <param name="frequency">Opportunities with a purchase, x (0 &lt;= x &lt;= t_x).</param>
    /// <param name="recency">The opportunity of the last purchase, t_x (x &lt;= t_x &lt;= n; 0 when x = 0).</param>
    /// <param name="periods">Opportunities observed, n (at least 0).</param>
    /// <param name="weight">How many customers share this history (finite, at least 0; default 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or the weight is not a finite non-negative number.</exception>
    /// <exception cref="ArgumentException">The counts are inconsistent (x &gt; t_x, t_x &gt; n, or t_x &gt; 0 with x = 0).</exception>
    public BinaryPurchaseHistory(int frequency, int recency, int periods, double weight = 1)
    {
        Guard.NonNegative(frequency);
        Guard.NonNegative(recency);
        Guard.NonNegative(periods);
        Guard.NonNegative(weight);
        if (frequency > recency)
        {
            ThrowHelper.Argument(nameof(frequency), Guard.Format($"Frequency ({frequency}) cannot exceed recency ({recency})."));
        }

        if (recency > periods)
        {
            ThrowHelper.Argument(nameof(recency), Guard.Format($"Recency ({recency}) cannot exceed periods ({periods})."));
        }

        if (frequency == 0 && recency != 0)
        {
            ThrowHelper.Argument(nameof(recency), Guard.Format($"Recency ({recency}) must be 0 when frequency is 0."));
        }

        Frequency = frequency;
        Recency = recency;
        Periods = periods;
        Weight = weight;
    }

    /// <summary>Opportunities with a purchase, x.</summary>
    public int Frequency { get; }

    /// <summary>The opportunity of the last purchase, t_x (0 without any).</summary>
    public int Recency { get; }

    /// <summary>Opportunities observed, n.</summary>
    public int Periods { get; }

    /// <summary>How many customers share this history.</summary>
    public double Weight { get; }
}
