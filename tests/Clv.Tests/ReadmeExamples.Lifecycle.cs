using Clv.Lifecycle;
using Clv.Probabilistic;

namespace Clv.Tests;

/// <content>The README's lifecycle section.</content>
internal static partial class ReadmeExamples
{
    public static (LifecycleStage[] Stages, LifecycleTransitionReport Migration, LifecycleHistoryReport History, CohortReport Cohorts, EarlyWarningReport Warnings, LifecycleStage[] ByModel, string Error) Lifecycle(CustomerSummaries customers)
    {
        // <readme:lifecycle>
        // Summaries with the observation end at the earliest date of interest; later rows are kept as holdout,
        // so any date up to the holdout end can be classified (CDNOW: observation end 1997-09-30, rows to 1998-06-30).
        LifecyclePolicy policy = LifecyclePolicy.FromDays();            // new within 30 days, dormant after 90, churned after 180 quiet days
        LifecycleStage[] stages = policy.Classify(customers, new DateOnly(1998, 6, 30));
        string label = stages[0].EnglishLabel() + " / " + stages[0].ChineseLabel();   // "Churned / 流失期"

        // Other rules: relative to each customer's own rhythm, or from a fitted model's P(alive).
        LifecyclePolicy rhythm = LifecyclePolicy.RelativeToGap(dormantGapMultiple: 3, churnedGapMultiple: 6);
        MbgNbdModel mbg = MbgNbdModel.Fit(customers).Model;             // fitted in the summaries' unit (weeks)
        LifecyclePolicy byModel = LifecyclePolicy.FromAliveProbability(mbg.ProbabilityAlive, dormantBelow: 0.5, churnedBelow: 0.2);

        // Invalid options are rejected when the policy is built, naming the property.
        string error = "";
        try
        {
            LifecyclePolicy.FromDays(new LifecycleOptions { DormantAfterDays = 90, ChurnedAfterDays = 60 });
        }
        catch (ArgumentOutOfRangeException e)
        {
            error = e.ParamName!;                                       // "options.ChurnedAfterDays"
        }

        // Reports: migration between two dates with KPIs, stage counts at month ends, cohorts, early warnings.
        var migration = LifecycleTransitionReport.Create(policy, customers, new DateOnly(1997, 9, 30), new DateOnly(1998, 6, 30));
        int churned = migration.ToCount(LifecycleStage.Churned);        // 1,842 of 2,357 at 1998-06-30
        double retention = migration.RetentionRate;                     // of the active at From, the share still active at To
        var history = LifecycleHistoryReport.CreateAtMonthEnds(policy, customers, new DateOnly(1997, 1, 1), new DateOnly(1998, 6, 30));
        var cohorts = CohortReport.Create(customers, CohortPeriod.Month);
        double secondMonth = cohorts.RetentionShare(cohort: 0, periodsSince: 1);
        var warnings = EarlyWarningReport.Create(policy, customers, since: new DateOnly(1998, 3, 31), asOf: new DateOnly(1998, 6, 30));
        Console.WriteLine(migration);                                   // invariant text tables; CSV writers in Clv.Csv
        // </readme:lifecycle>
        _ = (label, rhythm, churned, retention, secondMonth);
        return (stages, migration, history, cohorts, warnings, byModel.Classify(customers, new DateOnly(1998, 6, 30)), error);
    }
}
