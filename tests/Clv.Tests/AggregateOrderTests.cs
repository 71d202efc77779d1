using Clv.Lifecycle;
using Clv.Rfm;
using Clv.Valuation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests;

/// <summary>
/// Reports that add amounts over customers give the same doubles whatever order the customers come in (their order is the
/// order of their first rows in the log): segment net spend, cohort spend and the average-based CLV's annual value are summed
/// exactly. They were summed in customer order, so a log read back in another order changed their last digits.
/// </summary>
public class AggregateOrderTests
{
    private static readonly DateOnly Origin = new(2024, 1, 1);
    private static readonly DateOnly End = Origin.AddDays(200);

    /// <summary>A log in cents: 40 to 439 rows of 30 customers over 200 days, every eighth a refund.</summary>
    private static Transaction[] Log(int seed)
    {
        var g = new Random(seed);
        var rows = new Transaction[40 + g.Next(400)];
        for (int i = 0; i < rows.Length; i++)
        {
            double amount = g.Next(8) == 0 ? -g.Next(1, 5_000) / 100.0 : g.Next(1, 20_000) / 100.0;
            rows[i] = new Transaction("c" + g.Next(30), Origin.AddDays(i == 0 ? 0 : g.Next(201)), amount);
        }

        return rows;
    }

    [Property(MaxTest = 200)]
    public Property Reports_AnyCustomerOrder_SameSums(int seed, int shuffleSeed)
    {
        var rows = Log(seed);
        var shuffled = rows.ToArray();
        new Random(shuffleSeed).Shuffle(shuffled);
        var a = CustomerSummaries.FromTransactions(rows, End, TimeUnit.Week);
        var b = CustomerSummaries.FromTransactions(shuffled, End, TimeUnit.Week);

        var cuts = RfmCutPoints.Fit(a, RfmOptions.Default).Model;   // the same cut points for both: only the order differs
        var scoresA = new RfmScore[a.Count];
        var scoresB = new RfmScore[b.Count];
        cuts.Score(a.AsSpan(), scoresA);
        cuts.Score(b.AsSpan(), scoresB);
        var segmentsA = SegmentReport.Create(a.AsSpan(), scoresA, SegmentMap.RfGrid()).Rows;
        var segmentsB = SegmentReport.Create(b.AsSpan(), scoresB, SegmentMap.RfGrid()).Rows;
        bool segments = segmentsA.SequenceEqual(segmentsB);

        bool cohorts = CohortReport.Create(a, CohortPeriod.Month).Rows.SequenceEqual(CohortReport.Create(b, CohortPeriod.Month).Rows);

        double annualA = AverageClv.AnnualPurchaseValue(a, [.. Enumerable.Range(0, a.Count)]);
        double annualB = AverageClv.AnnualPurchaseValue(b, [.. Enumerable.Range(0, b.Count)]);
        bool annual = BitConverter.DoubleToInt64Bits(annualA) == BitConverter.DoubleToInt64Bits(annualB);

        return (segments && cohorts && annual).Label($"segments {segments}, cohorts {cohorts}, annual value {annualA:R} against {annualB:R}");
    }
}
