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

    public static readonly TheoryData<string> Paths = ["transactions", "text", "text block", "table block"];

    /// <summary>Adds rows (customer, day after <see cref="Origin"/>, amount) through one of the builder's four entry points.</summary>
    private static void AddThrough(CustomerDaysBuilder builder, string path, (string Id, int Day, double Amount)[] rows)
    {
        DateOnly[] dates = [.. rows.Select(r => Origin.AddDays(r.Day))];
        double[] amounts = [.. rows.Select(r => r.Amount)];
        switch (path)
        {
            case "transactions":
                builder.Add([.. rows.Select(r => new Transaction(r.Id, Origin.AddDays(r.Day), r.Amount))]);
                break;
            case "text":
                foreach (var (id, day, amount) in rows)
                {
                    builder.Add(id.AsSpan(), Origin.AddDays(day), amount);
                }

                break;
            case "text block":
                int[] ends = new int[rows.Length];
                for (int i = 0, end = 0; i < rows.Length; i++)
                {
                    ends[i] = end += rows[i].Id.Length;
                }

                builder.Add(string.Concat(rows.Select(r => r.Id)).AsSpan(), ends, dates, amounts);
                break;
            default:
                // The table in order of first appearance, so the first row uses entry 0.
                string[] table = [.. rows.Select(r => r.Id).Distinct()];
                int[] tableEnds = new int[table.Length];
                for (int k = 0, end = 0; k < table.Length; k++)
                {
                    tableEnds[k] = end += table[k].Length;
                }

                builder.Add(string.Concat(table).AsSpan(), tableEnds, [.. rows.Select(r => Array.IndexOf(table, r.Id))], dates, amounts);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Add_EachEntryPoint_CountsRowsWhereTheyWent_AndKeepsTheSameDays(string path)
    {
        // Calibration ends on day 100, the holdout on day 150: rows on either end day are in, day 160 and 170 are excluded.
        var builder = new CustomerDaysBuilder(Origin.AddDays(100).DayNumber, Origin.AddDays(150).DayNumber);
        AddThrough(builder, path,
        [
            ("bb", 20, 5), ("bb", 20, 1), ("a", 10, 3), ("a", 5, -2), ("bb", 120, 4), ("a", 150, 2), ("ccc", 170, 1), ("bb", 160, 1), ("a", 100, 6),
        ]);

        Assert.Equal(new RowCounts(9, 5, 2, 2, 1), builder.Counts);
        Assert.Equal(Origin.AddDays(150).DayNumber, builder.LatestDay);
        Assert.Equal((Origin.AddDays(5).DayNumber, Origin.AddDays(170).DayNumber), builder.DataRange());

        var days = builder.Build();
        Assert.Equal(["bb", "a"], Enumerable.Range(0, days.CustomerCount).Select(days.Id));
        Assert.Equal([20, 120], days.Days(0).ToArray().Select(d => d - Origin.DayNumber));
        Assert.Equal([6.0, 4], days.Amounts(0).ToArray());
        Assert.Equal([10, 100, 150], days.Days(1).ToArray().Select(d => d - Origin.DayNumber));
        Assert.Equal([3.0, 6, 2], days.Amounts(1).ToArray());
        Assert.Equal([0.0, 2], [days.Refunds(0), days.Refunds(1)]);
        Assert.Equal([20, 5], new[] { days.FirstRowDay(0), days.FirstRowDay(1) }.Select(d => d - Origin.DayNumber));
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void DataRange_OnlyExcludedRowsOutOfOrder_SpansTheirFirstAndLastDay(string path)
    {
        var builder = new CustomerDaysBuilder(Origin.AddDays(100).DayNumber, Origin.AddDays(150).DayNumber);
        AddThrough(builder, path, [("a", 170, 1), ("b", 160, 1), ("a", 165, 1)]);

        Assert.Equal(new RowCounts(3, 0, 0, 3, 0), builder.Counts);
        Assert.Equal(int.MinValue, builder.LatestDay);
        Assert.Equal((Origin.AddDays(160).DayNumber, Origin.AddDays(170).DayNumber), builder.DataRange());
        Assert.Equal(0, builder.Build().CustomerCount);
    }

    [Fact]
    public void Add_DefaultTransaction_RefusedNamingTheRow_AndNotCounted()
    {
        var builder = new CustomerDaysBuilder(End.DayNumber, End.DayNumber);
        var error = Assert.Throws<ArgumentException>(() => builder.Add([new Transaction("a", Origin, 1), default, new Transaction("b", Origin, 1)]));

        Assert.Equal("transactions", error.ParamName);
        Assert.StartsWith("Transaction 1 has no customer id (a default Transaction).", error.Message, StringComparison.Ordinal);
        Assert.Equal(new RowCounts(1, 1, 0, 0, 0), builder.Counts);
    }

    [Fact]
    public void Add_OutOfOrderRows_CompactedOnlyWhenTheyOutnumberTheThreshold()
    {
        // One customer, each row a day earlier than the one before: every row after the first is out of order.
        var builder = new CustomerDaysBuilder(End.DayNumber, End.DayNumber) { CompactionThreshold = 10 };
        builder.Add("a".AsSpan(), Origin.AddDays(100), 1);
        for (int k = 1; k <= 10; k++)
        {
            builder.Add("a".AsSpan(), Origin.AddDays(100 - k), 1);
        }

        Assert.Equal((0, 11), (builder.Compactions, builder.KeptRows));
        builder.Add("a".AsSpan(), Origin.AddDays(89), 1);
        Assert.Equal((1, 12), (builder.Compactions, builder.KeptRows));

        // After the compaction the threshold is the larger of the rows then kept (12) and 10: 12 more out of order, not 11.
        for (int k = 1; k <= 12; k++)
        {
            builder.Add("a".AsSpan(), Origin.AddDays(89 - k), 1);
        }

        Assert.Equal(1, builder.Compactions);
        builder.Add("a".AsSpan(), Origin.AddDays(76), 1);
        Assert.Equal(2, builder.Compactions);
        Assert.Equal(Enumerable.Range(76, 25), builder.Build().Days(0).ToArray().Select(d => d - Origin.DayNumber));
    }
}
