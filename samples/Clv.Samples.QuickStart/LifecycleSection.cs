using System.Globalization;
using Clv;
using Clv.Lifecycle;

namespace Clv.Samples.QuickStart;

/// <summary>
/// Lifecycle stages with the default day thresholds (new within 30 days, dormant after 90, churned after 180):
/// stage counts at the observation end and at the holdout end, and the migration matrix between them.
/// Needs summaries whose holdout rows run to the second date (CDNOW: observation end 1997-09-30, rows to 1998-06-30).
/// </summary>
internal static class LifecycleSection
{
    public static void Print(CustomerSummaries customers, TextWriter output)
    {
        var ic = CultureInfo.InvariantCulture;
        var policy = LifecyclePolicy.FromDays();
        var from = customers.ObservationEnd;
        var to = customers.HoldoutEnd;
        var t = LifecycleTransitions.Between(policy, customers, from, to);
        const int k = LifecycleStageExtensions.StageCount;

        output.WriteLine(string.Create(ic, $"== Lifecycle stages (new <= 30 days, dormant > 90, churned > 180 days quiet) =="));
        output.WriteLine(string.Create(ic, $"stage                 {from:yyyy-MM-dd}  {to:yyyy-MM-dd}"));
        for (int s = 0; s < k; s++)
        {
            var stage = (LifecycleStage)s;
            output.WriteLine(string.Create(ic, $"{stage.EnglishLabel(),-12}{stage.ChineseLabel(),-4}{t.FromCount(stage),12:N0}{t.ToCount(stage),12:N0}"));
        }

        output.WriteLine(string.Create(ic, $"{"total",-15}{t.Population,13:N0}{t.Population,12:N0}"));
        output.WriteLine();
        output.WriteLine(string.Create(ic, $"Migration {from:yyyy-MM-dd} (rows) -> {to:yyyy-MM-dd} (columns), customers:"));
        output.Write(string.Create(ic, $"{"",-12}"));
        for (int s = 0; s < k; s++)
        {
            output.Write(string.Create(ic, $"{((LifecycleStage)s).EnglishLabel(),12}"));
        }

        output.WriteLine(string.Create(ic, $"{"total",9}"));
        for (int a = 0; a < k; a++)
        {
            var row = (LifecycleStage)a;
            output.Write(string.Create(ic, $"{row.EnglishLabel(),-12}"));
            for (int b = 0; b < k; b++)
            {
                output.Write(string.Create(ic, $"{t.Count(row, (LifecycleStage)b),12:N0}"));
            }

            output.WriteLine(string.Create(ic, $"{t.FromCount(row),9:N0}"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(ic, $"retention {t.RetentionRate:P1}, at risk {t.AtRiskRate:P1}, churn {t.ChurnRate:P1} (of customers active at {from:yyyy-MM-dd})"));
        output.WriteLine(string.Create(ic, $"repurchase {t.RepurchaseRate:P1}, reactivation {t.ReactivationRate:P1}, top 20% by spend still active {t.HighValueCoverage:P1}"));
        output.WriteLine();
    }
}
