using System.Globalization;
using Clv;
using Clv.Lifecycle;

namespace Clv.Samples.QuickStart;

/// <summary>
/// Lifecycle stages with the default day thresholds (new within 30 days, dormant after 90, churned after 180):
/// stage counts at the observation end and at the holdout end, and the migration between them (the report's table).
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
        var t = LifecycleTransitionReport.Create(policy, customers, from, to);
        const int k = LifecycleStageExtensions.StageCount;

        output.WriteLine(string.Create(ic, $"== Lifecycle stages (new <= 30 days, dormant > 90, churned > 180 days quiet) =="));
        output.WriteLine(string.Create(ic, $"stage                      {from:yyyy-MM-dd}  {to:yyyy-MM-dd}"));
        for (int s = 0; s < k; s++)
        {
            var stage = (LifecycleStage)s;
            output.WriteLine(string.Create(ic, $"{stage.EnglishLabel(),-17}{stage.ChineseLabel(),-4}{t.FromCount(stage),12:N0}{t.ToCount(stage),12:N0}"));
        }

        output.WriteLine(string.Create(ic, $"{"total",-20}{t.Population,13:N0}{t.Population,12:N0}"));
        output.WriteLine();
        output.Write(t.ToString());
        output.WriteLine();
    }
}
