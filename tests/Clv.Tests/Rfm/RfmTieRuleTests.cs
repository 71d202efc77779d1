using Clv.Rfm;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Rfm;

/// <summary>
/// The one tie rule of <see cref="RfmCutPoints"/>: score = 1 + the cut points strictly below the value (for R, strictly above the
/// days), cut points at rank ⌈j n / k⌉ from the worst end, so ties share the lowest score of their run and the customers who
/// bought longest ago always get R = 1. Checked against an independent sort-based implementation, on logs with heavy ties.
/// </summary>
public class RfmTieRuleTests
{
    /// <summary>A single-cohort log where a share of the customers (50%, 90% or all) bought once on the same, oldest day.</summary>
    private static readonly Arbitrary<(CustomerSummary[] Customers, int K)> HeavyTies =
        (from n in Gen.Choose(2, 120)
         from tiedPercent in Gen.Elements(50, 90, 100)
         from oldest in Gen.Choose(200, 400)
         from others in Gen.Choose(0, 199).ArrayOf(n)
         from frequencies in Gen.Choose(1, 5).ArrayOf(n)
         from k in Gen.Choose(2, 10)
         select (Enumerable.Range(0, n).Select(i => i * 100 < tiedPercent * n
             ? RfmTestData.Customer(oldest, 1, 20, "t" + i)
             : RfmTestData.Customer(others[i], frequencies[i], 10.0 * frequencies[i], "o" + i)).ToArray(), k)).ToArbitrary();

    [Property]
    public Property Score_HeavyTies_OldestCustomersAlwaysGetTheLowestRecencyScore() =>
        Prop.ForAll(HeavyTies, p =>
        {
            var rfm = RfmScorer.Score(p.Customers, new RfmOptions { ScoreCount = p.K });
            int oldest = p.Customers.Max(c => c.DaysSinceLastPurchase!.Value);
            return p.Customers.Zip(rfm).Where(x => x.First.DaysSinceLastPurchase == oldest).All(x => x.Second.R == 1);
        });

    [Property]
    public Property Score_HeavyTies_EqualsAnIndependentSortBasedImplementation() =>
        Prop.ForAll(HeavyTies, p =>
        {
            var rfm = RfmScorer.Score(p.Customers, new RfmOptions { ScoreCount = p.K });
            var days = p.Customers.Select(c => -(double)c.DaysSinceLastPurchase!.Value).ToArray();
            var frequency = p.Customers.Select(c => (double)c.PurchaseDays).ToArray();
            var money = p.Customers.Select(c => c.NetSpend).ToArray();
            return p.Customers.Select((c, i) => new RfmScore(Naive(days, days[i], p.K), Naive(frequency, frequency[i], p.K), Naive(money, money[i], p.K)))
                .SequenceEqual(rfm);
        });

    [Property]
    public Property Score_HeavyTies_UnusedScoresAreNamedInTheWarnings() =>
        Prop.ForAll(HeavyTies, p =>
        {
            var rfm = RfmScorer.Score(p.Customers, new RfmOptions { ScoreCount = p.K });
            bool rUnused = Enumerable.Range(1, p.K).Any(s => rfm.All(x => x.R != s));
            return rUnused == rfm.Warnings.Any(w => w.StartsWith("R score", StringComparison.Ordinal));
        });

    [Fact]
    public void Score_SingleCohortWith43PercentOneTimeBuyersOnTheOldestDay_TheyAreHibernatingNotAboutToSleep()
    {
        // The 1.0 issue's case: 43% bought once on the same day; they must get the lowest R (1), not R 3.
        var customers = Enumerable.Range(0, 100).Select(i => i < 43
            ? RfmTestData.Customer(365, 1, 20, "t" + i)
            : RfmTestData.Customer(i * 3, 1 + (i % 4), 30.0 + i, "o" + i)).ToArray();
        var rfm = RfmScorer.Score(customers, null);
        Assert.All(rfm.Take(43), s => Assert.Equal(1, s.R));
        var segments = SegmentMap.RfGrid().Assign(rfm.AsSpan());
        Assert.All(segments.Take(43), s => Assert.Equal(RfmSegment.Hibernating, s));
        Assert.Contains(rfm.Warnings, w => w.StartsWith("R score 2 is unused", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_CustomBreakpointsNoPurchaserFallsBetween_WarningSaysSoNotThatTheyCoincide()
    {
        // Everyone quiet for 300 days and buying on 1 or 2 days: with custom breakpoints [30, 90] and [5, 10] R 2, R 3, F 2
        // and F 3 are empty. The warning said the (strictly increasing) cut points "coincide where customers tie".
        var customers = Enumerable.Range(0, 20).Select(i => RfmTestData.Customer(300, 1 + (i % 2), 10 + i, "c" + i)).ToArray();
        var rfm = RfmScorer.Score(customers, new RfmOptions { ScoreCount = 3, DaysSinceLastPurchaseBreakpoints = [30, 90], FrequencyBreakpoints = [5, 10] });

        Assert.Equal(
            "R scores 2, 3 are unused: no purchaser's value falls in their range under the custom cut points in days since the last purchase (30, 90).",
            Assert.Single(rfm.Warnings, w => w.StartsWith("R ", StringComparison.Ordinal)));
        Assert.Equal(
            "F scores 2, 3 are unused: no purchaser's value falls in their range under the custom cut points in purchase days (5, 10).",
            Assert.Single(rfm.Warnings, w => w.StartsWith("F ", StringComparison.Ordinal)));
        Assert.DoesNotContain(rfm.Warnings, w => w.Contains("coincide", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_EveryoneTied_EveryScoreIsOne()
    {
        var customers = Enumerable.Range(0, 10).Select(i => RfmTestData.Customer(30, 2, 50, "c" + i)).ToArray();
        var rfm = RfmScorer.Score(customers, null);
        Assert.All(rfm, s => Assert.Equal(new RfmScore(1, 1, 1), s));
    }

    /// <summary>The reference: sort the values ascending (worst first), cut point j at 1-based rank ⌈j n / k⌉, score 1 + cut points below.</summary>
    private static int Naive(double[] values, double value, int k)
    {
        var sorted = values.Order().ToArray();
        int n = sorted.Length, score = 1;
        for (int j = 1; j < k; j++)
        {
            double cut = sorted[(int)Math.Ceiling((double)j * n / k) - 1];
            score += cut < value ? 1 : 0;
        }

        return score;
    }
}
