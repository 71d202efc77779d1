using System.Globalization;
using System.Text;
using Clv.Internal;

namespace Clv.Rfm;

/// <summary>
/// Per segment: customer count, share, total and mean net spend, mean days since the last purchase and mean purchase
/// days. Rows follow the map's segment order (the presets list their segments from most to least valuable; the fallback
/// and the leads come last) and only segments with at least one customer appear. <see cref="ToString"/> prints the table;
/// <c>Clv.Csv.SegmentReportCsv.Write</c> writes it as CSV.
/// </summary>
public sealed class SegmentReport
{
    private readonly SegmentRow[] _rows;

    private SegmentReport(SegmentRow[] rows, int customerCount, SegmentMap map)
    {
        _rows = rows;
        CustomerCount = customerCount;
        Map = map;
    }

    /// <summary>The rows, in the map's segment order.</summary>
    public IReadOnlyList<SegmentRow> Rows => _rows;

    /// <summary>The number of customers reported (the sum of the rows' counts).</summary>
    public int CustomerCount { get; }

    /// <summary>The segment map the report was made with.</summary>
    public SegmentMap Map { get; }

    /// <summary>Segments every customer with <paramref name="map"/> and summarises each segment.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="scores">Their scores, in the same order (e.g. from <see cref="RfmScorer.Score(CustomerSummaries)"/>).</param>
    /// <param name="map">The segment map.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The counts differ, or <paramref name="map"/> is for another score count than the scores' cut points (a 5x5 grid over scores 1..3 would label the best customers "Need Attention").</exception>
    public static SegmentReport Create(CustomerSummaries customers, RfmScores scores, SegmentMap map)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(map);
        if (map.ScoreCount != scores.CutPoints.ScoreCount)
        {
            ThrowHelper.Argument(nameof(map), Guard.Format(
                $"map is for {map.ScoreCount} scores but the scores run from 1 to {scores.CutPoints.ScoreCount} (scores.CutPoints.ScoreCount): use a map for k = {scores.CutPoints.ScoreCount}, or score with ScoreCount = {map.ScoreCount}."));
        }

        return Create(customers.AsSpan(), scores.AsSpan(), map);
    }

    /// <summary>Segments every customer with <paramref name="map"/> and summarises each segment.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="scores">Their scores, in the same order.</param>
    /// <param name="map">The segment map.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score has a part above the map's score count.</exception>
    public static SegmentReport Create(ReadOnlySpan<CustomerSummary> customers, ReadOnlySpan<RfmScore> scores, SegmentMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        Guard.SameLength(customers.Length, scores.Length, nameof(scores));
        int s = map.Segments.Count;
        var count = new int[s];
        var buyers = new int[s];
        var spend = new double[s];
        var spendError = new double[s];   // the rounding errors of spend (ExactSum): the same sums in any customer order
        var days = new double[s];
        var purchaseDays = new double[s];
        for (int i = 0; i < customers.Length; i++)
        {
            ref readonly var c = ref customers[i];
            int j = map.IndexOf(scores[i]);
            count[j]++;
            spendError[j] += ExactSum.Add(ref spend[j], c.NetSpend);
            purchaseDays[j] += c.PurchaseDays;
            if (c.DaysSinceLastPurchase is int d)
            {
                buyers[j]++;
                days[j] += d;
            }
        }

        var rows = new List<SegmentRow>(s);
        for (int j = 0; j < s; j++)
        {
            if (count[j] > 0)
            {
                rows.Add(new SegmentRow(
                    map.Segments[j],
                    count[j],
                    (double)count[j] / customers.Length,
                    ExactSum.Round(spend[j], spendError[j]),
                    buyers[j] > 0 ? days[j] / buyers[j] : null,
                    purchaseDays[j] / count[j]));
            }
        }

        return new SegmentReport([.. rows], customers.Length, map);
    }

    /// <summary>The report as a fixed-width table (invariant culture): segment, customers, share, net spend, mean net spend, mean days since the last purchase, mean purchase days.</summary>
    /// <returns>The table, one line per segment after a header.</returns>
    public override string ToString()
    {
        var ic = CultureInfo.InvariantCulture;
        int width = Math.Max(7, _rows.Select(r => r.Segment.Name.Length).DefaultIfEmpty(0).Max());
        var sb = new StringBuilder();
        sb.Append(ic, $"{CustomerCount:N0} customers in {_rows.Length} segments").AppendLine();
        sb.Append(ic, $"{"segment".PadRight(width)}  customers   share     net spend   mean net spend   mean days since last   mean purchase days").AppendLine();
        foreach (var row in _rows)
        {
            string days = row.MeanDaysSinceLastPurchase is { } d ? d.ToString("0.0", ic) : "-";
            sb.Append(ic, $"{row.Segment.Name.PadRight(width)}{row.Count,11:N0}{row.Share,8:0.0%}{row.NetSpend,14:N2}{row.MeanNetSpend,17:N2}{days,23}{row.MeanPurchaseDays,21:0.00}").AppendLine();
        }

        return sb.ToString();
    }
}
