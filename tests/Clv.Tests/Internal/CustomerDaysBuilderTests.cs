using Clv.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Internal;

/// <summary>The builder keeps purchase days, not rows (issue 13, section 5).</summary>
public class CustomerDaysBuilderTests
{
    private static readonly DateOnly Origin = new(2024, 1, 1);
    private static readonly DateOnly End = Origin.AddDays(200);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Add_ManyRowsPerPurchaseDayInDateOrderOrGroupedByCustomer_KeepsOneRowPerPurchaseDay(bool dateOrder)
    {
        // 500 customers x 4 purchase days x 30 rows each day.
        var rows = new List<Transaction>();
        for (int c = 0; c < 500; c++)
        {
            for (int d = 0; d < 4; d++)
            {
                for (int k = 0; k < 30; k++)
                {
                    rows.Add(new Transaction("c" + c, Origin.AddDays((c % 50) + (d * 60)), k + 0.5));
                }
            }
        }

        var log = dateOrder ? [.. rows.OrderBy(t => t.Date)] : rows.ToArray();
        var builder = new CustomerDaysBuilder(End.DayNumber, int.MaxValue);
        foreach (var t in log)
        {
            builder.Add(t.CustomerId, t.Date, t.Amount);
        }

        Assert.Equal(2_000, builder.KeptRows);
        Assert.Equal(0, builder.Compactions);
        var summaries = CustomerSummaries.Create(builder.Build(), End, TimeUnit.Day, null, builder.LatestDay, builder.Counts);
        Assert.True(CustomerSummariesPropertyTests.SameSummaries(CustomerSummaries.FromTransactions(log, End, TimeUnit.Day), summaries));
        Assert.Equal(60_000, summaries.TransactionCount);
    }

    [Fact]
    public void Add_DaysComingBackOutOfOrder_CompactedSoKeptRowsStayBoundedByPurchaseDays()
    {
        // Each customer alternates between two days: the latest-day merge cannot catch them, compaction does.
        var builder = new CustomerDaysBuilder(End.DayNumber, int.MaxValue) { CompactionThreshold = 100 };
        var rows = new List<Transaction>();
        for (int k = 0; k < 200; k++)
        {
            for (int c = 0; c < 50; c++)
            {
                rows.Add(new Transaction("c" + c, Origin.AddDays(c + (k % 2 == 0 ? 0 : 7)), 1));
            }
        }

        int mostKept = 0;
        foreach (var t in rows)
        {
            builder.Add(t.CustomerId, t.Date, t.Amount);
            mostKept = Math.Max(mostKept, builder.KeptRows);
        }

        Assert.True(builder.Compactions > 0);
        Assert.True(mostKept <= (2 * 100) + 100 + 1, mostKept.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var summaries = CustomerSummaries.Create(builder.Build(), End, TimeUnit.Day, null, builder.LatestDay, builder.Counts);
        Assert.True(CustomerSummariesPropertyTests.SameSummaries(CustomerSummaries.FromTransactions([.. rows], End, TimeUnit.Day), summaries));
        Assert.All(summaries, s => Assert.Equal((2, 200.0), (s.PurchaseDays, s.Spend)));
    }

    [Fact]
    public void EarliestRow_ARefundBeforeThePurchases_DecidesWhoIsKnownAtTheObservationEnd_AlsoAfterAMerge()
    {
        static CustomerSummaries Build(params Transaction[] rows)
        {
            var builder = new CustomerSummariesBuilder(End, TimeUnit.Day, Origin.AddDays(260));
            foreach (var t in rows)
            {
                builder.Add(t.CustomerId.AsSpan(), t.Date, t.Amount);
            }

            return builder.Build();
        }

        var first = Build(
            new("a", Origin.AddDays(2), 10), new("a", Origin.AddDays(2), 5), new("a", Origin.AddDays(9), 1),   // a merged day first
            new("r", Origin.AddDays(5), -4), new("r", Origin.AddDays(210), 20),                               // refund, then a holdout purchase
            new("x", Origin.AddDays(3), -2),                                                                   // a refund only
            new("h", Origin.AddDays(220), 7));                                                                 // holdout only
        Assert.Equal(["a", "r", "x"], first.Select(s => s.CustomerId));
        Assert.Equal(1, first.HoldoutOnlyCustomerCount);
        Assert.Equal((2, 16.0, 4.0, 1), (first[0].PurchaseDays, first[0].Spend, first[1].Refunds, first[1].HoldoutPurchaseDays));
        Assert.Equal([Origin.AddDays(2).DayNumber, Origin.AddDays(9).DayNumber], first.PurchaseDayNumbers(0).ToArray());

        // A part where h bought in the calibration period: merged, h is known; r's refund still comes first.
        var merged = CustomerSummaries.Merge(first, Build(new("h", Origin.AddDays(100), 3), new("r", Origin.AddDays(150), -1)));
        Assert.Equal(["a", "r", "x", "h"], merged.Select(s => s.CustomerId));
        Assert.Equal(0, merged.HoldoutOnlyCustomerCount);
        Assert.Equal((5.0, 1), (merged[1].Refunds, merged[1].HoldoutPurchaseDays));
        Assert.Equal(3.0, merged[3].Spend);
    }

    [Property(MaxTest = 200)]
    public Property Build_AnyRowOrderAndCompactionThreshold_SameDaysAsTheGroupingOfTheWholeLog()
    {
        var row =
            from customer in Gen.Choose(0, 9)
            from day in Gen.Choose(0, 260)
            from cents in Gen.Choose(-3_000, 20_000)
            select new Transaction("c" + customer, Origin.AddDays(day), cents / 100.0);
        var gen =
            from rows in row.ArrayOf()
            from threshold in Gen.Choose(1, 8)
            select (rows: rows.Prepend(new Transaction("c0", Origin, 1)).ToArray(), threshold);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var builder = new CustomerDaysBuilder(End.DayNumber, Origin.AddDays(240).DayNumber) { CompactionThreshold = c.threshold };
            foreach (var t in c.rows)
            {
                builder.Add(t.CustomerId.AsSpan(), t.Date, t.Amount);
            }

            var built = CustomerSummaries.Create(builder.Build(), End, TimeUnit.Day, Origin.AddDays(240), builder.LatestDay, builder.Counts);
            var whole = CustomerSummaries.GroupTransactions(c.rows, End, TimeUnit.Day, Origin.AddDays(240), 4, 4);
            return CustomerSummariesPropertyTests.SameSummaries(whole, built)
                && whole.HoldoutOnlyCustomerCount == built.HoldoutOnlyCustomerCount
                && Enumerable.Range(0, whole.Count).All(i => whole.PurchaseDayNumbers(i).SequenceEqual(built.PurchaseDayNumbers(i)));
        });
    }
}
