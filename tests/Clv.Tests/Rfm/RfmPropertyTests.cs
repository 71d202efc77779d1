using Clv.Internal;
using Clv.Rfm;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Rfm;

public class RfmPropertyTests
{
    // Small value ranges so that ties are frequent; one lead in ten.
    private static readonly Gen<CustomerSummary> CustomerGen =
        from lead in Gen.Choose(0, 9)
        from days in Gen.Choose(0, 40)
        from purchaseDays in Gen.Choose(1, 6)
        from cents in Gen.Choose(-500, 20_000)
        select lead == 0 ? RfmTestData.Customer(0, 0, 0) : RfmTestData.Customer(days, purchaseDays, cents / 100.0);

    private static readonly Arbitrary<(CustomerSummary[] Customers, int K, int Seed)> Population =
        (from n in Gen.Choose(1, 80)
         from customers in CustomerGen.ArrayOf(n)
         from k in Gen.Choose(2, 10)
         from seed in Gen.Choose(0, int.MaxValue)
         select (customers, k, seed)).ToArbitrary();

    private static bool HasBuyer(CustomerSummary[] customers) => customers.Any(c => c.HasPurchase);

    // Narrow ranges (days and purchase days counted into a histogram) or ranges far wider than the population (gathered and selected).
    private static readonly Arbitrary<(CustomerSummary[] Customers, int K)> NarrowOrWide =
        (from wide in Gen.Elements(false, true)
         from n in Gen.Choose(1, 60)
         from customers in (
             from lead in Gen.Choose(0, 9)
             from days in Gen.Choose(0, wide ? 200_000 : 40)
             from purchaseDays in Gen.Choose(1, wide ? 100_000 : 6)
             select lead == 0 ? RfmTestData.Customer(0, 0, 0) : RfmTestData.Customer(days, purchaseDays, 10)).ArrayOf(n)
         from k in Gen.Choose(2, 10)
         select (customers, k)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property CutPoints_AreThePurchasersOrderStatistics_WhateverTheRange() =>
        Prop.ForAll(NarrowOrWide, p =>
        {
            var buyers = p.Customers.Where(c => c.HasPurchase).ToArray();
            if (buyers.Length == 0)
            {
                return;
            }

            int n = buyers.Length, k = p.K;
            int[] days = [.. buyers.Select(c => c.DaysSinceLastPurchase!.Value).Order()];
            int[] counts = [.. buyers.Select(c => c.PurchaseDays).Order()];
            var ranks = new int[k - 1];
            QuantileSelection.Ranks(n, k, ranks);
            var cuts = RfmCutPoints.Fit(p.Customers, new RfmOptions { ScoreCount = k }).Model;
            for (int j = 0; j < k - 1; j++)
            {
                // Frequency: ascending ranks from the lowest; days: from the most days since the last purchase, taken in reverse.
                Assert.Equal(counts[ranks[j]], cuts.Frequency[j]);
                Assert.Equal(days[n - 1 - ranks[k - 2 - j]], cuts.DaysSinceLastPurchase[j]);
            }
        });

    private static double Money(CustomerSummary c) => c.NetSpend;

    [Property]
    public Property Score_AnyPopulation_ScoresWithinOneToKAndLeadsAreLeads() =>
        Prop.ForAll(Population, p =>
        {
            if (!HasBuyer(p.Customers))
            {
                return true;
            }

            var rfm = RfmScorer.Score(p.Customers, new RfmOptions { ScoreCount = p.K });
            return p.Customers.Zip(rfm).All(x => x.First.HasPurchase
                ? x.Second.R >= 1 && x.Second.R <= p.K && x.Second.F >= 1 && x.Second.F <= p.K && x.Second.M >= 1 && x.Second.M <= p.K
                : x.Second.IsLead);
        });

    [Property]
    public Property Score_AnyPopulation_MonotoneInEachDimensionAndEqualInputsEqualScores() =>
        Prop.ForAll(Population, p =>
        {
            if (!HasBuyer(p.Customers))
            {
                return true;
            }

            var c = p.Customers;
            var s = RfmScorer.Score(c, new RfmOptions { ScoreCount = p.K });
            for (int i = 0; i < c.Length; i++)
            {
                for (int j = 0; j < c.Length; j++)
                {
                    if (!c[i].HasPurchase || !c[j].HasPurchase)
                    {
                        continue;
                    }

                    if ((c[i].DaysSinceLastPurchase <= c[j].DaysSinceLastPurchase && s[i].R < s[j].R)
                        || (c[i].PurchaseDays >= c[j].PurchaseDays && s[i].F < s[j].F)
                        || (Money(c[i]) >= Money(c[j]) && s[i].M < s[j].M))
                    {
                        return false;
                    }
                }
            }

            return true;
        });

    [Property]
    public Property Score_Permuted_SameScorePerCustomer() =>
        Prop.ForAll(Population, p =>
        {
            if (!HasBuyer(p.Customers))
            {
                return true;
            }

            var options = new RfmOptions { ScoreCount = p.K };
            var order = Enumerable.Range(0, p.Customers.Length).ToArray();
            new Random(p.Seed).Shuffle(order);
            var shuffled = order.Select(i => p.Customers[i]).ToArray();

            var original = RfmScorer.Score(p.Customers, options);
            var permuted = RfmScorer.Score(shuffled, options);
            return order.Select((from, to) => original[from] == permuted[to]).All(x => x)
                && original.CutPoints.ToJson() == permuted.CutPoints.ToJson();
        });

    [Property]
    public Property CutPoints_AppliedToOwnPopulation_ReproduceBatchScores() =>
        Prop.ForAll(Population, p =>
        {
            if (!HasBuyer(p.Customers))
            {
                return true;
            }

            var rfm = RfmScorer.Score(p.Customers, new RfmOptions { ScoreCount = p.K });
            var fitted = RfmCutPoints.Fit(p.Customers, new RfmOptions { ScoreCount = p.K }).Model;
            var stored = RfmCutPoints.FromJson(rfm.CutPoints.ToJson());
            var batch = new RfmScore[p.Customers.Length];
            stored.Score(p.Customers, batch);
            var refitted = new RfmScore[p.Customers.Length];
            fitted.Score(p.Customers, refitted);
            return batch.SequenceEqual(rfm)
                && refitted.SequenceEqual(rfm)
                && p.Customers.Select(c => stored.Score(c)).SequenceEqual(rfm)
                && p.Customers.Where(c => c.HasPurchase)
                    .All(c => stored.Score(c.DaysSinceLastPurchase!.Value, c.PurchaseDays, c.NetSpend) == stored.Score(c));
        });

    [Property]
    public Property PresetMaps_AnyPopulation_EveryCustomerExactlyOneSegment() =>
        Prop.ForAll(Population, p =>
        {
            if (!HasBuyer(p.Customers))
            {
                return true;
            }

            var rfm5 = RfmScorer.Score(p.Customers, new RfmOptions { ScoreCount = 5 });
            var rfmK = RfmScorer.Score(p.Customers, new RfmOptions { ScoreCount = p.K });
            var cases = new[]
            {
                (SegmentMap.RfGrid(), rfm5),
                (SegmentMap.RangeMap(), rfm5),
                (SegmentMap.EightClass(rfmK.CutPoints), rfmK),
                (SegmentMap.ValueTiers(p.K), rfmK),
            };
            foreach (var (map, scores) in cases)
            {
                var segments = map.Assign(scores.AsSpan());
                for (int i = 0; i < segments.Length; i++)
                {
                    var s = scores[i];
                    var matching = map.Rules.Where(r => r.Matches(s)).ToArray();
                    bool ok = s.IsLead
                        ? segments[i] == map.LeadSegment
                        : map.MatchPolicy == MatchPolicy.Exclusive
                            ? matching.Length == 1 && matching[0].Segment == segments[i]
                            : segments[i] == (matching.Length > 0 ? matching[0].Segment : map.Fallback);
                    if (!ok)
                    {
                        return false;
                    }
                }

                if (SegmentReport.Create(p.Customers, scores.AsSpan(), map).Rows.Sum(r => r.Count) != p.Customers.Length)
                {
                    return false;
                }
            }

            return true;
        });

    [Property]
    public Property QuantileSelection_AnyValues_EqualsSortedOrderStatistics() =>
        Prop.ForAll(
            (from big in Gen.Elements(false, true)
             from n in big ? Gen.Choose(4096, 9000) : Gen.Choose(1, 300)
             from values in Gen.Choose(-20, 20).Select(v => v / 4.0).ArrayOf(n)
             from k in Gen.Choose(2, 10)
             select (values, k)).ToArbitrary(),
            p =>
            {
                var ranks = new int[p.k - 1];
                QuantileSelection.Ranks(p.values.Length, p.k, ranks);
                var found = new double[p.k - 1];
                QuantileSelection.Select((double[])p.values.Clone(), ranks, found);
                var sorted = p.values.Order().ToArray();
                var ints = p.values.Select(v => (int)(v * 4)).ToArray();
                var foundInts = new double[p.k - 1];
                QuantileSelection.SelectIntegers(ints, ints.Min(), ints.Max(), ranks, foundInts);
                return ranks.Select(r => sorted[r]).SequenceEqual(found)
                    && ranks.Select(r => sorted[r] * 4).SequenceEqual(foundInts);
            });

    [Property(MaxTest = 30)]
    public Property QuantileSelection_WideSpreadLargeInput_EqualsSortedOrderStatistics() =>
        Prop.ForAll(
            (from n in Gen.Choose(4096, 20_000)
             from seed in Gen.Choose(0, int.MaxValue)
             from k in Gen.Choose(2, 10)
             select (n, seed, k)).ToArbitrary(),
            p =>
            {
                var random = new Random(p.seed);
                var values = Enumerable.Range(0, p.n)
                    .Select(_ => random.Next(4) == 0 ? -0.0 : (random.Next(-1000, 1000) * Math.Pow(2, random.Next(-30, 30))))
                    .ToArray();
                var ranks = new int[p.k - 1];
                QuantileSelection.Ranks(p.n, p.k, ranks);
                var found = new double[p.k - 1];
                var sorted = values.Order().ToArray();

                QuantileSelection.Select(values, ranks, found);

                return ranks.Select(r => sorted[r]).SequenceEqual(found);
            });
}
