using Clv.Lifecycle;
using FsCheck;
using FsCheck.Xunit;

namespace Clv.Tests.Lifecycle;

public class LifecyclePropertyTests
{
    private static readonly LifecyclePolicy[] Policies =
    [
        LifecyclePolicy.FromDays(),
        LifecyclePolicy.FromDays(new LifecycleOptions { ActivationWindowDays = 10, DormantAfterDays = 20, ChurnedAfterDays = 45, ReactivationHoldDays = 30, MatureMinPurchaseDays = 3 }),
        LifecyclePolicy.RelativeToGap(2, 4),
        LifecyclePolicy.FromAliveProbability((x, tx, t, _) => Math.Exp(-(t - tx) / (x + 1.0) / 40), 0.5, 0.2),
    ];

    [Property(MaxTest = 300)]
    public bool Classify_AnyLogAndDate_EveryCustomerExactlyOneDefinedStage(int seed, byte dateOffset, byte policyIndex)
    {
        var rows = Log.Random(seed);
        var summaries = CustomerSummaries.FromTransactions(rows, Log.B.AddDays(100), TimeUnit.Week, Log.FarEnd);
        var policy = Policies[policyIndex % Policies.Length];
        var date = summaries.ObservationEnd.AddDays(dateOffset * 2);
        var stages = policy.Classify(summaries, date);
        var history = LifecycleHistoryReport.Create(policy, summaries, [date]);
        int total = 0;
        foreach (int c in history.StageCounts(0))
        {
            total += c;
        }

        return stages.Length == summaries.Count
            && stages.All(s => Enum.IsDefined(s))
            && total == summaries.Count
            && stages.Select((s, i) => history[i, 0] == s).All(b => b);
    }

    [Property(MaxTest = 300)]
    public bool Classify_RowsAddedAfterDate_StagesUnchanged(int seed, byte dateOffset, byte policyIndex)
    {
        var rows = Log.Random(seed);
        var policy = Policies[policyIndex % Policies.Length];
        var end = Log.B.AddDays(100);
        var date = end.AddDays(dateOffset);
        var before = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Week);
        if (date > before.HoldoutEnd)
        {
            date = before.HoldoutEnd;
        }

        // Later rows: existing and new customers, purchases and refunds, all after the date.
        var rng = new Random(seed ^ 0x5eed);
        var later = Enumerable.Range(0, rng.Next(1, 30))
            .Select(_ => new Transaction("c" + rng.Next(20).ToString(System.Globalization.CultureInfo.InvariantCulture), date.AddDays(rng.Next(1, 300)), rng.NextDouble() < 0.2 ? -5 : rng.Next(1, 100)))
            .ToArray();
        var after = CustomerSummaries.FromTransactions([.. rows, .. later], end, TimeUnit.Week);

        var s1 = policy.Classify(before, date);
        var s2 = policy.Classify(after, date);
        for (int i = 0; i < before.Count; i++)
        {
            if (!after.TryGetIndex(before[i].CustomerId, out int j) || s1[i] != s2[j])
            {
                return false;
            }
        }

        return after.Count == before.Count;
    }

    [Property(MaxTest = 300)]
    public bool Transitions_AnyLog_MatrixAddsUpToPopulationOnBothSides(int seed, byte fromOffset, byte span, byte policyIndex)
    {
        var rows = Log.Random(seed, customers: 30, maxRows: 120);
        var summaries = CustomerSummaries.FromTransactions(rows, Log.B.AddDays(60), TimeUnit.Day, Log.FarEnd);
        var policy = Policies[policyIndex % Policies.Length];
        var from = summaries.ObservationEnd.AddDays(fromOffset);
        var t = LifecycleTransitionReport.Create(policy, summaries, from, from.AddDays(span));
        int all = 0, rowsTotal = 0, columnsTotal = 0;
        foreach (var a in Enum.GetValues<LifecycleStage>())
        {
            rowsTotal += t.FromCount(a);
            columnsTotal += t.ToCount(a);
            foreach (var b in Enum.GetValues<LifecycleStage>())
            {
                all += t.Count(a, b);
            }
        }

        return t.Population == summaries.Count && all == t.Population && rowsTotal == t.Population && columnsTotal == t.Population;
    }

    [Property(MaxTest = 300)]
    public bool Classify_GapMultiple_ThresholdScalesWithCustomersGap(PositiveInt gapSeed, byte multipleSeed)
    {
        int gap = 1 + (gapSeed.Get % 60);
        double k = 1 + (multipleSeed % 40 / 10.0);
        var policy = LifecyclePolicy.RelativeToGap(k, 2 * k, new LifecycleOptions { ActivationWindowDays = 0 });
        int limit = (int)Math.Floor(k * gap);
        int last = 2 * gap;
        var atLimit = Log.Classify(policy, last + limit, 0, gap, last);
        var pastLimit = Log.Classify(policy, last + limit + 1, 0, gap, last);
        return atLimit.IsActive() && pastLimit == LifecycleStage.Dormant;
    }
}
