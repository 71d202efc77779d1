using Clv.Probabilistic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The cohort forecast's day tallies (<see cref="CohortForecast.Tally"/>) and the two curves built on them, against plain
/// reference forms: the distinct values in order with their counts (by a counting array or, past 2^20 days of range, by a
/// sort), each customer's own E[X(τ - s)], and every repeat day counted before origin + τ.
/// </summary>
public class CohortForecastTallyTests
{
    /// <summary>Values within a few hundred days (the counting array) or spread over millions (the sort).</summary>
    private static Arbitrary<(int[] Values, int Spread)> NarrowOrWide =>
        (from values in Gen.Choose(-400, 400).ArrayOf()
         from spread in Gen.Elements(1, 7, 10_000)
         select (values, spread)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Tally_AnyValues_IsTheDistinctValuesInOrderWithTheirCounts() =>
        Prop.ForAll(NarrowOrWide, p =>
        {
            int[] values = [.. p.Values.Select(v => v * p.Spread)];
            var reference = values.GroupBy(v => v).OrderBy(g => g.Key).ToArray();
            var (distinct, counts) = CohortForecast.Tally(values.ToArray());
            Assert.Equal(reference.Select(g => g.Key), distinct);
            Assert.Equal(reference.Select(g => (long)g.Count()), counts);
        });

    [Theory]
    [InlineData(0, (1 << 20) - 1)]
    [InlineData(0, 1 << 20)]
    [InlineData(int.MinValue, int.MaxValue)]
    public void Tally_AtAndPastTheCountingRange_GivesTheSameTally(int low, int high)
    {
        var (distinct, counts) = CohortForecast.Tally(new[] { high, low, high, low, high });
        Assert.Equal([low, high], distinct);
        Assert.Equal([2L, 3L], counts);
    }

    [Fact]
    public void Tally_Empty_IsEmpty()
    {
        var (distinct, counts) = CohortForecast.Tally([]);
        Assert.Empty(distinct);
        Assert.Empty(counts);
    }

    [Fact]
    public void Curves_RandomCohort_EqualTheirReferenceForms()
    {
        var random = new Random(5);
        var start = new DateOnly(2020, 1, 1);
        var end = new DateOnly(2021, 12, 31);
        var rows = new List<Transaction>();
        for (int c = 0; c < 3_000; c++)
        {
            for (int k = 0, n = random.Next(0, 6), day = random.Next(0, 500); k < n && day < 760; k++, day += random.Next(0, 90))
            {
                rows.Add(new Transaction("c" + c, start.AddDays(day), 5 + random.Next(0, 100)));
            }
        }

        // A holdout end after the observation end, so repeat days past it count too; and leads without a purchase.
        var customers = CustomerSummaries.FromTransactions([.. rows], end, TimeUnit.Week, new DateOnly(2022, 2, 28));
        double[] weeks = [0, 0.5, 1, 1.0 / 7, 3.3, 10, 52, 52.01, 104, 109.6, 500];
        var model = new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week);

        var buyers = customers.AsSpan().ToArray().Where(c => c.FirstPurchase is not null).ToArray();
        int origin = buyers.Min(c => c.FirstPurchase!.Value.DayNumber);
        var offsets = new List<int>();
        for (int i = 0; i < customers.Count; i++)
        {
            var days = customers.PurchaseDayNumbers(i);
            for (int d = 1; d < days.Length; d++)
            {
                offsets.Add(days[d] - origin);
            }
        }

        var actual = CohortForecast.ActualCumulativeRepeatPurchases(customers, TimeUnit.Week, weeks);
        var expected = CohortForecast.ExpectedCumulativeRepeatPurchases(model, customers, weeks);
        for (int k = 0; k < weeks.Length; k++)
        {
            double limit = weeks[k] * 7;
            Assert.Equal(offsets.Count(o => o < limit), actual[k]);

            double each = buyers
                .Select(c => weeks[k] - ((c.FirstPurchase!.Value.DayNumber - origin) / 7.0))
                .Where(age => age > 0)
                .Sum(age => model.ExpectedPurchases(age));
            Assert.Equal(each, expected[k], Math.Max(each, 1) * 1e-12);
        }

        Assert.True(offsets.Count > 1_000, "the cohort should have repeat purchases");
    }

    [Fact]
    public void Curves_NoPurchase_AreZero()
    {
        var end = new DateOnly(2021, 12, 31);
        var leads = CustomerSummaries.FromTransactions([], end, TimeUnit.Week);
        Assert.Equal([0.0, 0.0], CohortForecast.ActualCumulativeRepeatPurchases(leads, TimeUnit.Week, [0, 10]));
        Assert.Equal([0.0, 0.0], CohortForecast.ExpectedCumulativeRepeatPurchases(new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week), leads, [0, 10]));
    }
}
