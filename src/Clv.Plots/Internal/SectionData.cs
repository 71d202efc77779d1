using Clv.Lifecycle;
using Clv.Probabilistic;
using Clv.Rfm;

namespace Clv.Plots.Internal;

/// <summary>
/// The data of the report's sections, each computed on the thread pool as soon as the report starts (pure library calls, no
/// plotting): the page is written meanwhile and takes each result when it reaches its section.
/// </summary>
internal sealed class SectionData
{
    private readonly List<Task> _all = [];

    public SectionData(CustomerSummaries customers, PurchaseModel model, GammaGammaModel? spend, double[] alive, double[]? clv, int top)
    {
        Alive = alive;
        bool holdout = customers.HoldoutLength > 0;

        // In the order the page needs them.
        Tracking = Start(() => ProbabilisticPlots.Curves(model, customers));
        Holdout = holdout ? Start(() => HoldoutValidation.Evaluate(model, customers)) : null;
        Segments = Start(() =>
        {
            var scores = RfmScorer.Score(customers);
            return (scores, SegmentReport.Create(customers, scores, SegmentMap.RfGrid()));
        });
        Lifecycle = Start(() => LifecycleData(customers));
        if (clv is not null && spend is not null)
        {
            Evaluation = holdout ? Start(() => Evaluate(customers, model, spend)) : null;
            TopAndAtRisk = Start(() => Rank(customers, alive, clv, top));
        }
    }

    public double[] Alive { get; }

    public Task<ProbabilisticPlots.TrackingCurves> Tracking { get; }

    public Task<HoldoutReport>? Holdout { get; }

    public Task<(RfmScores Scores, SegmentReport Report)> Segments { get; }

    public Task<(LifecycleHistoryReport History, LifecycleTransitionReport? Transitions)> Lifecycle { get; }

    /// <summary>Predicted against realised holdout value (with a holdout and a spend model).</summary>
    public Task<ValueEvaluationReport>? Evaluation { get; }

    /// <summary>The top customers by predicted CLV and the top spenders more likely gone than not (with CLV).</summary>
    public Task<(int[] Top, int[] AtRisk)>? TopAndAtRisk { get; }

    /// <summary>Waits for every computation, ignoring their failures (the page reports the first it meets).</summary>
    public void WaitAll()
    {
        try
        {
            Task.WaitAll(_all.ToArray());
        }
        catch (AggregateException)
        {
        }
    }

    private Task<T> Start<T>(Func<T> compute)
    {
        var task = Task.Run(compute);
        _all.Add(task);
        return task;
    }

    private static (LifecycleHistoryReport, LifecycleTransitionReport?) LifecycleData(CustomerSummaries customers)
    {
        var policy = LifecyclePolicy.FromDays();
        var first = DateOnly.MaxValue;
        foreach (var c in customers.AsSpan())
        {
            if (c.FirstPurchase is { } day && day < first)
            {
                first = day;
            }
        }

        var end = customers.HoldoutLength > 0 ? customers.HoldoutEnd : customers.ObservationEnd;
        var history = LifecycleHistoryReport.Create(policy, customers, HistoryDates(first, end));
        var transitions = end > customers.ObservationEnd ? LifecycleTransitionReport.Create(policy, customers, customers.ObservationEnd, end) : null;
        return (history, transitions);
    }

    /// <summary>
    /// The lifecycle history's dates: the month ends from <paramref name="from"/> to <paramref name="to"/> (at most
    /// <see cref="MaxMonthEnds"/>); when fewer than two lie there (a log of a few days or weeks), <paramref name="from"/>
    /// and <paramref name="to"/> with the one there is, so that the stage chart spans the data (with none the report threw,
    /// with one it drew a single hairline).
    /// </summary>
    internal static DateOnly[] HistoryDates(DateOnly from, DateOnly to)
    {
        if (MonthEnds(from, to) is { } fewer)
        {
            return fewer;
        }

        var ends = Internal.MonthEnds.Between(from, to);
        return ends.Count >= 2 ? ends.ToArray() : ends.Prepend(from).Append(to).Distinct().ToArray();
    }

    /// <summary>The most month ends the lifecycle history of the report has.</summary>
    internal const int MaxMonthEnds = 600;

    /// <summary>
    /// Null when at most <see cref="MaxMonthEnds"/> month ends lie from <paramref name="from"/> to <paramref name="to"/>
    /// (the history then has every one); otherwise the first and every k-th after it, k the smallest step that keeps their
    /// count within it with the last one added (a log with a far-off date spans centuries).
    /// </summary>
    internal static DateOnly[]? MonthEnds(DateOnly from, DateOnly to)
    {
        var ends = Internal.MonthEnds.Between(from, to);
        if (ends.Count <= MaxMonthEnds)
        {
            return null;
        }

        int step = (ends.Count - 1 + MaxMonthEnds - 2) / (MaxMonthEnds - 1);
        var fewer = new List<DateOnly>();
        for (int i = 0; i < ends.Count - 1; i += step)
        {
            fewer.Add(ends[i]);
        }

        fewer.Add(ends[^1]);
        return fewer.ToArray();
    }

    private static ValueEvaluationReport Evaluate(CustomerSummaries customers, PurchaseModel model, GammaGammaModel spend)
    {
        double length = customers.TimeUnit == model.TimeUnit ? customers.HoldoutLength : customers.TimeUnit.ConvertTo(customers.HoldoutLength, model.TimeUnit);
        double[] purchases = model.ConditionalExpectedPurchases(customers, length);
        double[] perPurchase = spend.ConditionalExpectedSpend(customers);
        double[] predicted = purchases.Zip(perPurchase, (n, s) => n * s).ToArray();
        return ValueEvaluationReport.Create(predicted, customers.Select(c => c.HoldoutSpend).ToArray());
    }

    private static (int[], int[]) Rank(CustomerSummaries customers, double[] alive, double[] clv, int top)
    {
        // Equal values by customer id: the tables list the same customers in any customer order.
        int[] order = TopRanks.Descending(customers.Count, top, i => clv[i], id: i => customers[i].CustomerId);
        int[] risk = TopRanks.Descending(customers.Count, top, i => customers[i].NetSpend, i => customers[i].Frequency > 0 && alive[i] < 0.5, i => customers[i].CustomerId);
        return (order, risk);
    }
}
