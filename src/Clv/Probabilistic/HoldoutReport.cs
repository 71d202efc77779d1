using System.Globalization;
using System.Text;

namespace Clv.Probabilistic;

/// <summary>
/// Predicted against actual repeat purchases in the holdout period: the classic calibration-vs-holdout table
/// (by calibration frequency), per-customer errors and the aggregate error. Built by <see cref="HoldoutValidation.Evaluate"/>.
/// </summary>
public sealed class HoldoutReport
{
    internal HoldoutReport(IReadOnlyList<HoldoutRow> rows, double holdoutLength, TimeUnit timeUnit, long customers, long excluded, double mae, double rmse, double actualTotal, double predictedTotal)
    {
        Rows = rows;
        HoldoutLength = holdoutLength;
        TimeUnit = timeUnit;
        Customers = customers;
        ExcludedCount = excluded;
        MeanAbsoluteError = mae;
        RootMeanSquaredError = rmse;
        ActualTotal = actualTotal;
        PredictedTotal = predictedTotal;
    }

    /// <summary>The table rows by calibration frequency 0, 1, ..., with the last row open-ended.</summary>
    public IReadOnlyList<HoldoutRow> Rows { get; }

    /// <summary>The holdout length the predictions are for, in <see cref="TimeUnit"/>.</summary>
    public double HoldoutLength { get; }

    /// <summary>The model's time unit.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>Customers compared (those with a calibration purchase).</summary>
    public long Customers { get; }

    /// <summary>Customers left out because they had no purchase up to the observation end (refund-only leads).</summary>
    public long ExcludedCount { get; }

    /// <summary>Mean over customers of |predicted - actual| holdout repeat purchases.</summary>
    public double MeanAbsoluteError { get; }

    /// <summary>Square root of the mean over customers of (predicted - actual)².</summary>
    public double RootMeanSquaredError { get; }

    /// <summary>Total actual repeat purchase days in the holdout period.</summary>
    public double ActualTotal { get; }

    /// <summary>Total predicted repeat purchases in the holdout period.</summary>
    public double PredictedTotal { get; }

    /// <summary>Aggregate error: (predicted total - actual total) / actual total; NaN when nothing was bought.</summary>
    public double AggregateRelativeError => ActualTotal > 0 ? (PredictedTotal - ActualTotal) / ActualTotal : double.NaN;

    /// <summary>The table as fixed-width text (invariant culture), ready for a report.</summary>
    /// <returns>The calibration-vs-holdout table followed by the error lines.</returns>
    public override string ToString()
    {
        var ic = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ic, $"Holdout: {HoldoutLength:0.##} {TimeUnit}s, {Customers:N0} customers").AppendLine();
        sb.AppendLine("  x    customers    actual  predicted");
        foreach (var row in Rows)
        {
            sb.Append(ic, $"{row.Label,3}{row.Customers,13:N0}{row.ActualMean,10:0.000}{row.PredictedMean,11:0.000}").AppendLine();
        }

        sb.Append(ic, $"total{ActualTotal,21:0.0}{PredictedTotal,11:0.0}  ({AggregateRelativeError:+0.0%;-0.0%})").AppendLine();
        sb.Append(ic, $"per customer: MAE {MeanAbsoluteError:0.000}, RMSE {RootMeanSquaredError:0.000}").AppendLine();
        return sb.ToString();
    }
}
