using System.Runtime.InteropServices;
using Clv.Internal;

namespace Clv.Valuation;

/// <summary>
/// Acquisition channel economics: customers, mean value, acquisition cost, value-to-cost ratio and payback time
/// per channel, to see whether what is spent to win customers is paid back. Immutable; built by <see cref="Create"/>.
/// </summary>
public sealed class ChannelReport
{
    private readonly ChannelRow[] _rows;

    private ChannelReport(ChannelRow[] rows, TimeUnit marginPeriod)
    {
        _rows = rows;
        MarginPeriod = marginPeriod;
    }

    /// <summary>One row per channel, in order of each channel's first customer.</summary>
    public IReadOnlyList<ChannelRow> Rows => _rows;

    /// <summary>The period of the margins (<see cref="ChannelCustomer.MarginPerPeriod"/>) and of <see cref="ChannelRow.PaybackPeriods"/>.</summary>
    public TimeUnit MarginPeriod { get; }

    /// <summary>Summarises customers by acquisition channel, in order of each channel's first customer.</summary>
    /// <param name="customers">One entry per acquired customer.</param>
    /// <param name="marginPeriod">The period of <see cref="ChannelCustomer.MarginPerPeriod"/>; payback is counted in it.</param>
    /// <returns>The report: one row per channel.</returns>
    /// <exception cref="ArgumentException">A channel is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An acquisition cost is negative or not finite, a value or margin is not finite, or <paramref name="marginPeriod"/> is undefined.</exception>
    /// <remarks>
    /// Payback uses channel means and assumes the margin keeps coming every period (no churn, no discounting);
    /// pass an expected margin per period (for example margin x retention) for a retention-aware payback.
    /// </remarks>
    public static ChannelReport Create(ReadOnlySpan<ChannelCustomer> customers, TimeUnit marginPeriod)
    {
        if (!Enum.IsDefined(marginPeriod))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(marginPeriod), marginPeriod, Guard.Format($"marginPeriod must be a defined TimeUnit, but was {(int)marginPeriod}."));
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var totals = new List<Totals>();
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

            ref var t = ref CollectionsMarshal.AsSpan(totals)[k];
            t.Count++;
            t.ValueError += ExactSum.Add(ref t.Value, c.Value);
            t.CostError += ExactSum.Add(ref t.Cost, c.AcquisitionCost);
            t.MarginError += ExactSum.Add(ref t.Margin, c.MarginPerPeriod);
        }

        var rows = new ChannelRow[names.Count];
        for (int k = 0; k < rows.Length; k++)
        {
            var t = totals[k];
            int count = t.Count;
            double value = ExactSum.Round(t.Value, t.ValueError), cost = ExactSum.Round(t.Cost, t.CostError), margin = ExactSum.Round(t.Margin, t.MarginError);
            double meanCost = cost / count;
            double meanMargin = margin / count;
            rows[k] = new ChannelRow(
                names[k],
                count,
                value,
                value / count,
                cost,
                meanCost,
                cost > 0 ? value / cost : null,
                meanMargin,
                Payback(meanCost, meanMargin));
        }

        return new ChannelReport(rows, marginPeriod);
    }

    /// <summary>
    /// The report as a fixed-width table (invariant culture): a title line, then one line per channel with customers,
    /// mean value, mean acquisition cost, value-to-cost ratio ("-" when nothing was spent), mean margin per period and
    /// payback periods ("never" when the margin is not positive or payback takes more than <see cref="int.MaxValue"/> periods).
    /// </summary>
    /// <returns>The table.</returns>
    public override string ToString()
    {
        var table = new TextTable(("channel", true), ("customers", false), ("mean value", false), ("mean cost", false), ("value/cost", false), ("margin/period", false), ("payback", false));
        foreach (var row in _rows)
        {
            table.Add(
                row.Channel,
                TextTable.Int(row.Customers),
                TextTable.Amount(row.MeanValue),
                TextTable.Amount(row.MeanAcquisitionCost),
                row.ValueToCostRatio is { } r ? TextTable.Number(r, "0.00") : "-",
                TextTable.Amount(row.MeanMarginPerPeriod),
                row.PaybackPeriods is { } p ? TextTable.Int(p) : "never");
        }

        string unit = MarginPeriod switch
        {
            TimeUnit.Day => "day",
            TimeUnit.Week => "week",
            TimeUnit.Month => "month",
            _ => "year",
        };
        return table.Render(Guard.Format($"Acquisition channels ({TextTable.Int(_rows.Length)}), margins and payback per {unit}"));
    }

    /// <summary>
    /// A channel's count and sums, each sum with the rounding error of its additions (ExactSum): the same doubles in any customer
    /// order (a log read without ORDER BY puts the customers in another order every night).
    /// </summary>
    private struct Totals
    {
        public int Count;
        public double Value;
        public double ValueError;
        public double Cost;
        public double CostError;
        public double Margin;
        public double MarginError;
    }

    /// <summary>The smallest whole k with k x margin ≥ cost; 0 for no cost; null when never or beyond <see cref="int.MaxValue"/>.</summary>
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
