using Clv.Internal;

namespace Clv.Crm;

/// <summary>
/// The health score of every customer (<see cref="Customers"/>, to write back to a CRM) and a summary per band
/// (<see cref="Rows"/>: Red, Amber, Green and NotScored, always all four, so the band counts sum to the number of customers).
/// Immutable; built by <see cref="Create"/>.
/// </summary>
public sealed class HealthReport
{
    private readonly CustomerHealth[] _customers;
    private readonly HealthBandRow[] _rows;

    private HealthReport(CustomerHealth[] customers, HealthBandRow[] rows, IReadOnlyList<string> signals, IReadOnlyList<double> weights)
    {
        _customers = customers;
        _rows = rows;
        Signals = signals;
        Weights = weights;
    }

    /// <summary>One row per band, in the order Red, Amber, Green, NotScored.</summary>
    public IReadOnlyList<HealthBandRow> Rows => _rows;

    /// <summary>Every customer's health, aligned with the summaries.</summary>
    public IReadOnlyList<CustomerHealth> Customers => _customers;

    /// <summary>The names of the signals used (<see cref="HealthSignals.Names"/>).</summary>
    public IReadOnlyList<string> Signals { get; }

    /// <summary>The signals' normalised weights, summing to 1 (<see cref="HealthSignals.Weights"/>).</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>Scores every customer and summarises the bands.</summary>
    /// <param name="signals">The normalised signals.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="signals"/> is null.</exception>
    public static HealthReport Create(HealthSignals signals)
    {
        var customers = HealthScore.Score(signals);
        var names = signals.Names;
        var rows = new HealthBandRow[4];
        for (int b = 0; b < rows.Length; b++)
        {
            var band = (HealthBand)b;
            int count = 0;
            double sum = 0, error = 0;   // summed exactly (ExactSum): the same mean in any customer order
            var reasons = new int[names.Count];
            var weakest = new int[names.Count];
            foreach (var c in customers)
            {
                if (c.Band != band)
                {
                    continue;
                }

                count++;
                error += ExactSum.Add(ref sum, c.Score);
                if (c.Reason is not null)
                {
                    reasons[signals.IndexOf(c.Reason)]++;
                }

                if (c.Weakest is not null)
                {
                    weakest[signals.IndexOf(c.Weakest)]++;
                }
            }

            rows[b] = new HealthBandRow(
                band,
                count,
                customers.Length == 0 ? double.NaN : count / (double)customers.Length,
                count == 0 || band == HealthBand.NotScored ? double.NaN : ExactSum.Round(sum, error) / count,
                Most(reasons, names),
                Most(weakest, names));
        }

        return new HealthReport(customers, rows, names, signals.Weights);
    }

    /// <summary>
    /// The band summary as a fixed-width table (invariant culture): a title line with the signals and their weights, then one
    /// line per band with customers, share, mean score, the most common reason and the most common weakest signal.
    /// </summary>
    /// <returns>The table.</returns>
    public override string ToString()
    {
        var table = new TextTable(("band", true), ("customers", false), ("share", false), ("mean score", false), ("top reason", true), ("top weakest", true));
        foreach (var row in _rows)
        {
            table.Add(
                row.Band.ToString(),
                TextTable.Int(row.Customers),
                double.IsNaN(row.Share) ? "-" : TextTable.Share(row.Share),
                double.IsNaN(row.MeanScore) ? "-" : TextTable.Number(row.MeanScore, "0.0"),
                row.TopReason ?? "-",
                row.TopWeakest ?? "-");
        }

        string weights = string.Join(", ", Signals.Select((s, k) => s + " " + TextTable.Number(Weights[k], "0.00")));
        return table.Render(Guard.Format($"Customer health ({TextTable.Int(_customers.Length)} customers; weights {weights})"));
    }

    private static string? Most(int[] counts, IReadOnlyList<string> names)
    {
        int best = -1;
        for (int k = 0; k < counts.Length; k++)
        {
            if (counts[k] > 0 && (best < 0 || counts[k] > counts[best]))
            {
                best = k;
            }
        }

        return best < 0 ? null : names[best];
    }
}
