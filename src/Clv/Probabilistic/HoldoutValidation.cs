using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Holdout validation of a repeat-purchase model: predict each customer's repeat purchases over the holdout
/// period from the calibration summaries, and compare with what the customer actually did.
/// </summary>
public static class HoldoutValidation
{
    /// <summary>The largest <c>maxFrequency</c>: the table has one row per frequency up to it.</summary>
    private const int MaxRows = 1_000_000;

    /// <summary>
    /// Compares E[Y(holdout length) | x, t_x, T] with each customer's <see cref="CustomerSummary.HoldoutPurchaseDays"/>.
    /// The holdout length is <see cref="CustomerSummaries.HoldoutLength"/>, converted to the model's time unit.
    /// </summary>
    /// <param name="model">The fitted model.</param>
    /// <param name="customers">Summaries built with a holdout period (calibration statistics plus holdout purchases).</param>
    /// <param name="maxFrequency">The last table row pools x ≥ this (default 7: rows 0, 1, ..., 7+); 0 to 1,000,000 (the table has a row per frequency).</param>
    /// <returns>The calibration-vs-holdout table with per-customer and aggregate errors.</returns>
    /// <exception cref="ArgumentException">The summaries have no holdout period.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFrequency"/> is negative or greater than 1,000,000.</exception>
    public static HoldoutReport Evaluate(PurchaseModel model, CustomerSummaries customers, int maxFrequency = 7)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(customers);
        if (maxFrequency < 0)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(maxFrequency), maxFrequency, Guard.Format($"maxFrequency must be at least 0, but was {maxFrequency}."));
        }

        if (maxFrequency > MaxRows)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(maxFrequency), maxFrequency, Guard.Format($"maxFrequency must be at most {MaxRows}, but was {maxFrequency}."));
        }

        double scale = model.Scale(customers.TimeUnit);
        double length = customers.HoldoutLength * scale;
        if (!(length > 0))
        {
            ThrowHelper.Argument(nameof(customers), Guard.Format($"The summaries have no holdout period (holdout end {customers.HoldoutEnd:yyyy-MM-dd} is not after the observation end {customers.ObservationEnd:yyyy-MM-dd})."));
        }

        var span = customers.AsSpan();
        var predicted = new double[span.Length];
        model.ConditionalExpectedPurchases(span, length, predicted);

        // The sums of predictions and errors are exact (ExactSum, each with its rounding error): the same doubles in any customer
        // order (a log read without ORDER BY), where running sums changed the errors' and the predicted total's last digits.
        var count = new long[maxFrequency + 1];
        var actualSum = new double[maxFrequency + 1];
        var predictedSum = new double[maxFrequency + 1];
        var predictedError = new double[maxFrequency + 1];
        long n = 0, excluded = 0;
        double absolute = 0, squared = 0, actualTotal = 0, predictedTotal = 0;
        double absoluteError = 0, squaredError = 0, predictedTotalError = 0;
        for (int i = 0; i < span.Length; i++)
        {
            ref readonly var c = ref span[i];
            if (!c.HasPurchase)
            {
                excluded++;
                continue;
            }

            int row = Math.Min(c.Frequency, maxFrequency);
            double actual = c.HoldoutPurchaseDays;
            double error = predicted[i] - actual;
            count[row]++;
            actualSum[row] += actual;   // whole numbers: exact in any order
            predictedError[row] += ExactSum.Add(ref predictedSum[row], predicted[i]);
            n++;
            absoluteError += ExactSum.Add(ref absolute, Math.Abs(error));
            squaredError += ExactSum.Add(ref squared, error * error);
            actualTotal += actual;
            predictedTotalError += ExactSum.Add(ref predictedTotal, predicted[i]);
        }

        absolute = ExactSum.Round(absolute, absoluteError);
        squared = ExactSum.Round(squared, squaredError);
        predictedTotal = ExactSum.Round(predictedTotal, predictedTotalError);
        for (int k = 0; k <= maxFrequency; k++)
        {
            predictedSum[k] = ExactSum.Round(predictedSum[k], predictedError[k]);
        }

        var rows = new List<HoldoutRow>(maxFrequency + 1);
        for (int k = 0; k <= maxFrequency; k++)
        {
            rows.Add(new HoldoutRow(
                k,
                k == maxFrequency,
                count[k],
                count[k] > 0 ? actualSum[k] / count[k] : double.NaN,
                count[k] > 0 ? predictedSum[k] / count[k] : double.NaN));
        }

        return new HoldoutReport(
            rows,
            length,
            model.TimeUnit,
            n,
            excluded,
            n > 0 ? absolute / n : double.NaN,
            n > 0 ? Math.Sqrt(squared / n) : double.NaN,
            actualTotal,
            predictedTotal);
    }
}
