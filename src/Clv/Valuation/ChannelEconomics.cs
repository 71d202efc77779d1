using Clv.Internal;

namespace Clv.Valuation;

/// <summary>
/// Acquisition channel economics: customers, mean value, acquisition cost, value-to-cost ratio and payback time
/// per channel, to see whether what is spent to win customers is paid back.
/// </summary>
public static class ChannelEconomics
{
    /// <summary>Summarises customers by acquisition channel, in order of each channel's first customer.</summary>
    /// <param name="customers">One entry per acquired customer.</param>
    /// <param name="marginPeriod">The period of <see cref="ChannelCustomer.MarginPerPeriod"/>; payback is counted in it.</param>
    /// <returns>One summary per channel.</returns>
    /// <exception cref="ArgumentException">A channel is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An acquisition cost is negative or not finite, a value or margin is not finite, or <paramref name="marginPeriod"/> is undefined.</exception>
    /// <remarks>
    /// Payback uses channel means and assumes the margin keeps coming every period (no churn, no discounting);
    /// pass an expected margin per period (for example margin x retention) for a retention-aware payback.
    /// </remarks>
    public static ChannelSummary[] Summarize(ReadOnlySpan<ChannelCustomer> customers, TimeUnit marginPeriod)
    {
        _ = marginPeriod.LengthInDays();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var totals = new List<(int Count, double Value, double Cost, double Margin)>();
        for (int i = 0; i < customers.Length; i++)
        {
            var c = customers[i];
            if (c.Channel is null)
            {
                ThrowHelper.Argument(nameof(customers), Guard.Format($"customers[{i}] has no channel."));
            }

            if (!(c.AcquisitionCost >= 0) || double.IsPositiveInfinity(c.AcquisitionCost))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(customers), c.AcquisitionCost, Guard.Format($"customers[{i}].AcquisitionCost must be a finite number of at least 0, but was {c.AcquisitionCost}."));
            }

            if (!double.IsFinite(c.Value))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(customers), c.Value, Guard.Format($"customers[{i}].Value must be a finite number, but was {c.Value}."));
            }

            if (!double.IsFinite(c.MarginPerPeriod))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(customers), c.MarginPerPeriod, Guard.Format($"customers[{i}].MarginPerPeriod must be a finite number, but was {c.MarginPerPeriod}."));
            }

            if (!index.TryGetValue(c.Channel, out int k))
            {
                k = names.Count;
                index.Add(c.Channel, k);
                names.Add(c.Channel);
                totals.Add(default);
            }

            var t = totals[k];
            totals[k] = (t.Count + 1, t.Value + c.Value, t.Cost + c.AcquisitionCost, t.Margin + c.MarginPerPeriod);
        }

        var result = new ChannelSummary[names.Count];
        for (int k = 0; k < result.Length; k++)
        {
            var (count, value, cost, margin) = totals[k];
            double meanCost = cost / count;
            double meanMargin = margin / count;
            result[k] = new ChannelSummary(
                names[k],
                count,
                value,
                value / count,
                cost,
                meanCost,
                cost > 0 ? value / cost : null,
                meanMargin,
                Payback(meanCost, meanMargin),
                marginPeriod);
        }

        return result;
    }

    /// <summary>The smallest whole k with k x margin ≥ cost; 0 for no cost; null when never.</summary>
    internal static int? Payback(double cost, double marginPerPeriod)
    {
        if (cost <= 0)
        {
            return 0;
        }

        if (!(marginPerPeriod > 0))
        {
            return null;
        }

        double periods = Math.Ceiling(cost / marginPerPeriod);
        if (periods > int.MaxValue)
        {
            return null;
        }

        int k = (int)periods;

        // Guard against rounding in the division: the k found must really cover the cost, k - 1 must not.
        while (k * marginPerPeriod < cost)
        {
            k++;
        }

        while (k > 1 && (k - 1) * marginPerPeriod >= cost)
        {
            k--;
        }

        return k;
    }
}
