using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// How well predictions rank and size what customers then did, beyond MAE and RMSE: the Gini coefficient of the ranking,
/// a decile table, the share of value captured by the top customers, and the calibration line. Use it on holdout data:
/// predicted purchases or CLV against the realised purchases or spend (<see cref="CustomerSummary.HoldoutPurchaseDays"/>,
/// <see cref="CustomerSummary.HoldoutSpend"/>).
/// </summary>
/// <remarks>
/// <para>Gini: rank customers by prediction, highest first, and trace the cumulative share of the realised value against
/// the cumulative share of customers; the Gini coefficient is twice the area between that curve and the diagonal (0: the
/// ranking is no better than chance; customers with equal predictions count as one block, so the order of the input does not
/// matter). <see cref="NormalizedGini"/> divides it by the Gini of the perfect ranking (by the realised values themselves): 1
/// is a perfect ranking.</para>
/// <para>Calibration: the least-squares line actual = intercept + slope x predicted; a slope of 1 and an intercept of 0 are
/// predictions that are right on average at every level.</para>
/// </remarks>
public sealed class ValueEvaluationReport
{
    private readonly double[] _capture;   // cumulative realised value by rank (ties resolved as blocks), index = customers

    private ValueEvaluationReport(long customers, double gini, double perfectGini, double slope, double intercept, DecileRow[] rows, double[] capture)
    {
        Customers = customers;
        Gini = gini;
        NormalizedGini = perfectGini > 0 ? gini / perfectGini : double.NaN;
        CalibrationSlope = slope;
        CalibrationIntercept = intercept;
        Rows = rows;
        _capture = capture;
    }

    /// <summary>Customers evaluated.</summary>
    public long Customers { get; }

    /// <summary>The Gini coefficient of the ranking by prediction, in [-1, 1].</summary>
    public double Gini { get; }

    /// <summary><see cref="Gini"/> divided by the Gini of the perfect ranking; NaN when all realised values are equal.</summary>
    public double NormalizedGini { get; }

    /// <summary>The slope of the least-squares line of realised on predicted values; NaN when every prediction is equal.</summary>
    public double CalibrationSlope { get; }

    /// <summary>The intercept of that line.</summary>
    public double CalibrationIntercept { get; }

    /// <summary>
    /// Ten rows, top decile of prediction first (fewer when there are fewer than ten customers). Customers with equal predictions
    /// that a decile boundary divides share their realised value pro rata between the deciles, as in <see cref="CaptureShare"/>.
    /// </summary>
    public IReadOnlyList<DecileRow> Rows { get; }

    /// <summary>Evaluates <paramref name="predicted"/> against <paramref name="actual"/>, customer by customer.</summary>
    /// <param name="predicted">One prediction per customer (finite).</param>
    /// <param name="actual">The realised value of each customer (finite), aligned with <paramref name="predicted"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The spans differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite; the message names its index.</exception>
    public static ValueEvaluationReport Create(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        Guard.SameLength(predicted.Length, actual.Length, nameof(actual));
        int n = predicted.Length;
        if (n == 0)
        {
            ThrowHelper.Argument(nameof(predicted), "predicted must hold at least one customer.");
        }

        for (int i = 0; i < n; i++)
        {
            Finite(predicted[i], nameof(predicted), i);
            Finite(actual[i], nameof(actual), i);
        }

        var p = predicted.ToArray();
        var a = actual.ToArray();
        var capture = new double[n + 1];
        var order = Ranking.Descending(p);
        double gini = RankingGini(p, order, a, capture);
        double perfect = RankingGini(a, Ranking.Descending(a), a, new double[n + 1]);

        // Calibration line by least squares (centred sums). Every sum over customers here is exact (ExactSum): the same doubles
        // in any customer order (a log read without ORDER BY), where running sums changed the line's last digits.
        double mp = Sum(p) / n, ma = Sum(a) / n, spp = 0, spa = 0, sppError = 0, spaError = 0;
        for (int i = 0; i < n; i++)
        {
            sppError += ExactSum.Add(ref spp, (p[i] - mp) * (p[i] - mp));
            spaError += ExactSum.Add(ref spa, (p[i] - mp) * (a[i] - ma));
        }

        spp = ExactSum.Round(spp, sppError);
        spa = ExactSum.Round(spa, spaError);
        double slope = spp > 0 ? spa / spp : double.NaN;
        double intercept = spp > 0 ? ma - (slope * mp) : double.NaN;

        // Deciles by rank of prediction, highest first. A block of equal predictions that a decile boundary cuts is shared pro
        // rata, as in the capture curve (a decile's realised value is the curve's rise over it): which of the equal customers came
        // first in the input no longer decides the decile's actual mean. Its predictions are the sorted values, whatever the order.
        double total = capture[n];
        int deciles = Math.Min(10, n);
        var rows = new DecileRow[deciles];
        for (int d = 0; d < deciles; d++)
        {
            int from = (int)((long)n * d / deciles), to = (int)((long)n * (d + 1) / deciles);
            double sp = 0;
            for (int k = from; k < to; k++)
            {
                sp += p[order[k]];
            }

            double sa = capture[to] - capture[from];
            int count = to - from;
            rows[d] = new DecileRow(d + 1, count, sp / count, sa / count, total != 0 ? sa / total : double.NaN);
        }

        return new ValueEvaluationReport(n, gini, perfect, slope, intercept, rows, capture);
    }

    /// <summary>The share of the total realised value brought by the top <paramref name="topShare"/> of customers by prediction.</summary>
    /// <param name="topShare">The share of customers, in (0, 1] (0.1 for the top 10%).</param>
    /// <returns>The captured share of value (customers with equal predictions count pro rata); NaN when the total is 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="topShare"/> is not in (0, 1].</exception>
    public double CaptureShare(double topShare)
    {
        if (!(topShare > 0 && topShare <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(topShare), topShare, Guard.Format($"topShare must be in (0, 1], but was {topShare}."));
        }

        double position = topShare * Customers;
        int whole = (int)Math.Floor(position);
        double value = _capture[whole] + (whole < Customers ? (position - whole) * (_capture[whole + 1] - _capture[whole]) : 0);
        double total = _capture[^1];
        return total != 0 ? value / total : double.NaN;
    }

    /// <summary>The report as a fixed-width table (invariant culture): the summary figures, then the deciles.</summary>
    /// <returns>The table.</returns>
    public override string ToString()
    {
        var table = new TextTable(("decile", false), ("customers", false), ("predicted mean", false), ("actual mean", false), ("actual share", false));
        foreach (var r in Rows)
        {
            table.Add(TextTable.Int(r.Decile), TextTable.Int(r.Customers), TextTable.Number(r.PredictedMean, "0.0000"), TextTable.Number(r.ActualMean, "0.0000"), TextTable.Share(r.ActualShare));
        }

        return table.Render(
            Guard.Format($"Value evaluation of {Customers:N0} customers: Gini {Gini:0.000} (normalised {NormalizedGini:0.000}), calibration actual = {CalibrationIntercept:0.000} + {CalibrationSlope:0.000} x predicted, top 10% capture {CaptureShare(0.1):0.000}"));
    }

    private static void Finite(double v, string name, int i)
    {
        if (!double.IsFinite(v))
        {
            ThrowHelper.ArgumentOutOfRange(name, v, Guard.Format($"{name}[{i}] must be finite, but was {v}."));
        }
    }

    /// <summary>
    /// Gini of ranking by <paramref name="score"/> (highest first, in <paramref name="order"/>) against <paramref name="value"/>, ties as blocks; fills
    /// <paramref name="capture"/>[k] with the value captured by the first k customers (within a tied block, pro rata).
    /// </summary>
    private static double RankingGini(double[] score, int[] order, double[] value, double[] capture)
    {
        int n = score.Length;
        double total = Sum(value);
        double area = 0, cumulative = 0;
        int k = 0;
        while (k < n)
        {
            // A block's value is summed exactly: its customers come in input order, and the block is the same in any order.
            int end = k;
            double block = 0, blockError = 0;
            while (end < n && score[order[end]] == score[order[k]])
            {
                blockError += ExactSum.Add(ref block, value[order[end]]);
                end++;
            }

            block = ExactSum.Round(block, blockError);

            for (int j = k + 1; j <= end; j++)
            {
                capture[j] = cumulative + (block * (j - k) / (end - k));
            }

            // Trapezoid over the block: customers share (end - k) / n, value rises linearly by the block's value.
            area += (end - k) * (cumulative + (block / 2));
            cumulative += block;
            k = end;
        }

        if (total == 0)
        {
            return 0;
        }

        // Area under the capture curve (both axes as shares) minus the diagonal's 1/2, doubled.
        return (2 * area / (n * total)) - 1;
    }

    /// <summary>The sum of <paramref name="values"/>, exact (ExactSum): the same double in any order.</summary>
    private static double Sum(double[] values)
    {
        double sum = 0, error = 0;
        foreach (double v in values)
        {
            error += ExactSum.Add(ref sum, v);
        }

        return ExactSum.Round(sum, error);
    }
}
