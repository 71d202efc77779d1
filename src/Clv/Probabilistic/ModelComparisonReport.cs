using System.Globalization;
using System.Text;

namespace Clv.Probabilistic;

/// <summary>
/// BG/NBD, MBG/NBD and Pareto/NBD fitted to the same calibration data, side by side: log-likelihood, AIC, BIC and
/// holdout errors. Built by <see cref="ModelComparison.Compare(CustomerSummaries, FitOptions?)"/>.
/// </summary>
/// <remarks>
/// The three models have four parameters each, so AIC, BIC and log-likelihood rank them identically; the holdout
/// errors are the evidence that can disagree (a better in-sample fit need not forecast better). Differences in
/// log-likelihood of a unit or two are not meaningful on their own.
/// </remarks>
public sealed class ModelComparisonReport
{
    internal ModelComparisonReport(IReadOnlyList<ModelComparisonRow> rows, long customers, long excluded)
    {
        Rows = rows;
        Customers = customers;
        ExcludedCount = excluded;
    }

    /// <summary>One row per candidate model, in the order BG/NBD, MBG/NBD, Pareto/NBD.</summary>
    public IReadOnlyList<ModelComparisonRow> Rows { get; }

    /// <summary>Customers the fits used (with a calibration purchase).</summary>
    public long Customers { get; }

    /// <summary>Customers left out of the fits (no purchase up to the observation end).</summary>
    public long ExcludedCount { get; }

    /// <summary>The fitted row with the lowest BIC, or null when every fit failed.</summary>
    public ModelComparisonRow? BestByBic => Rows.Where(r => r.Succeeded).Select(r => (ModelComparisonRow?)r).MinBy(r => r!.Value.Bic);

    /// <summary>The fitted row with the lowest holdout mean absolute error, or null without a holdout period.</summary>
    public ModelComparisonRow? BestByHoldout => Rows.Where(r => r.Holdout is not null).Select(r => (ModelComparisonRow?)r).MinBy(r => r!.Value.Holdout!.MeanAbsoluteError);

    /// <summary>The comparison as fixed-width text (invariant culture).</summary>
    /// <returns>One line per model: log-likelihood, AIC, BIC and, with a holdout period, MAE, RMSE and aggregate error.</returns>
    public override string ToString()
    {
        var ic = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ic, $"{Customers:N0} customers ({ExcludedCount:N0} without a purchase left out)").AppendLine();
        sb.AppendLine("model           ln L         AIC         BIC   holdout MAE    RMSE  aggregate");
        foreach (var row in Rows)
        {
            if (!row.Succeeded)
            {
                sb.Append(ic, $"{row.Name,-11}  fit failed: {row.Failure}").AppendLine();
                continue;
            }

            sb.Append(ic, $"{row.Name,-11}{row.LikelihoodLn,10:0.00}{row.Aic,12:0.00}{row.Bic,12:0.00}");
            if (row.Holdout is { } h)
            {
                sb.Append(ic, $"{h.MeanAbsoluteError,14:0.0000}{h.RootMeanSquaredError,8:0.0000}{h.AggregateRelativeError,11:+0.0%;-0.0%}");
            }

            if (row.Status != FitStatus.Converged)
            {
                sb.Append(ic, $"  ({row.Status})");
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }
}
