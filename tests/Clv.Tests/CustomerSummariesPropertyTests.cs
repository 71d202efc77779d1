using FsCheck.Xunit;

namespace Clv.Tests;

/// <summary>Laws every set of customer summaries obeys, over random logs (FsCheck).</summary>
public class CustomerSummariesPropertyTests
{
    private static readonly DateOnly Origin = new(2020, 1, 1);
    private static readonly DateOnly End = Origin.AddDays(300);
    private static readonly string[] Ids = Enumerable.Range(0, 12).Select(i => "c" + i).ToArray();

    /// <summary>Builds a log from raw random columns: 12 customers, days 0..399 (end at 300; the first row by then), amounts -50..200 with some refunds.</summary>
    private static Transaction[] Log(byte[] customers, ushort[] days, short[] cents)
    {
        int n = Math.Min(customers.Length, Math.Min(days.Length, cents.Length));
        var rows = new Transaction[n];
        for (int i = 0; i < n; i++)
        {
            // Fresh string instances: summaries must compare ids by value, not by reference.
            string id = new(Ids[customers[i] % Ids.Length].AsSpan());
            // The first row is on or before the end: a log with rows but none by then is an error, tested apart.
            rows[i] = new Transaction(id, Origin.AddDays(days[i] % (i == 0 ? 301 : 400)), (cents[i] % 25_000) / 100.0);
        }

        return rows;
    }

    [Property]
    public bool Merge_AnySplitOfTheRows_EqualsSummariesOfTheWholeLog(byte[] customers, ushort[] days, short[] cents, bool[] side)
    {
        var rows = Log(customers, days, cents);
        var left = rows.Where((_, i) => i < side.Length && side[i]).ToArray();
        var right = rows.Where((_, i) => !(i < side.Length && side[i])).ToArray();
        if (OnlyAfterEnd(left) || OnlyAfterEnd(right))
        {
            // A part with rows but none on or before the observation end cannot be summarised on its own: an
            // error naming the part's range (an empty part can be; the law below covers it).
            return (!OnlyAfterEnd(left) || ThrowsForObservationEnd(left)) && (!OnlyAfterEnd(right) || ThrowsForObservationEnd(right));
        }

        var whole = CustomerSummaries.FromTransactions(rows, End, TimeUnit.Week);
        var merged = CustomerSummaries.Merge(
            CustomerSummaries.FromTransactions(left, End, TimeUnit.Week),
            CustomerSummaries.FromTransactions(right, End, TimeUnit.Week));
        return SameSummaries(whole, merged) && whole.TransactionCount == merged.TransactionCount
            && whole.CalibrationTransactionCount == merged.CalibrationTransactionCount
            && whole.HoldoutTransactionCount == merged.HoldoutTransactionCount
            && whole.RefundTransactionCount == merged.RefundTransactionCount
            && whole.HoldoutEnd == merged.HoldoutEnd
            && whole.HoldoutOnlyCustomerCount == merged.HoldoutOnlyCustomerCount;
    }

    [Property]
    public bool Builder_AnyChunking_EqualsOneCallOverTheWholeLog(byte[] customers, ushort[] days, short[] cents, byte chunk)
    {
        var rows = Log(customers, days, cents);
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Week);
        int size = 1 + (chunk % 7);
        for (int i = 0; i < rows.Length; i += size)
        {
            builder.Add(rows.AsSpan(i, Math.Min(size, rows.Length - i)));
        }

        var chunked = builder.Build();
        var whole = CustomerSummaries.FromTransactions(rows, End, TimeUnit.Week);
        return SameSummaries(whole, chunked) && chunked.TransactionCount == rows.Length && whole.HoldoutEnd == chunked.HoldoutEnd;
    }

    [Property]
    public bool Builder_IdTextInBlocks_EqualsTheRowsAsTransactions(byte[] customers, ushort[] days, short[] cents, byte chunk)
    {
        var rows = Log(customers, days, cents);
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Week);
        int size = 1 + (chunk % 40);
        for (int i = 0; i < rows.Length; i += size)
        {
            var (text, ends, dates, amounts) = CustomerSummariesBuilderTests.Block(rows.AsSpan(i, Math.Min(size, rows.Length - i)));
            builder.Add(text, ends, dates, amounts);
        }

        var blocks = builder.Build();
        var whole = CustomerSummaries.FromTransactions(rows, End, TimeUnit.Week);
        return SameSummaries(whole, blocks) && blocks.TransactionCount == rows.Length && blocks.RefundTransactionCount == whole.RefundTransactionCount;
    }

    [Property]
    public bool FromTransactions_AnyRowOrder_GivesTheSameSummaries(byte[] customers, ushort[] days, short[] cents, int seed)
    {
        var rows = Log(customers, days, cents);
        var shuffled = rows.ToArray();
        new Random(seed).Shuffle(shuffled);
        return SameSummaries(
            CustomerSummaries.FromTransactions(rows, End, TimeUnit.Day),
            CustomerSummaries.FromTransactions(shuffled, End, TimeUnit.Day));
    }

    [Property]
    public bool FromTransactions_EverySummary_HasRecencyWithinAgeAndZeroRecencyWhenNoRepeat(byte[] customers, ushort[] days, short[] cents)
    {
        var summaries = CustomerSummaries.FromTransactions(Log(customers, days, cents), End, TimeUnit.Month, End.AddDays(60));
        foreach (var s in summaries)
        {
            if (s.Recency > s.Age || s.Recency < 0 || (s.Frequency == 0 && s.Recency != 0) || (s.Frequency == 0 && s.MonetaryValue != 0))
            {
                return false;
            }
        }

        return summaries.TransactionCount == summaries.CalibrationTransactionCount + summaries.HoldoutTransactionCount + summaries.ExcludedTransactionCount;
    }

    [Property]
    public bool FromTransactions_ManyChunksAndPartitions_EqualsTheBuilderInOrder(byte[] customers, ushort[] days, short[] cents, bool grouped, byte chunkRows, byte partitionRows)
    {
        // Tiny chunk and partition sizes put a handful of rows in each, so chunk boundaries inside a customer's run,
        // empty chunks, partitions with one run and customers with runs in several chunks all occur.
        var rows = Log(customers, days, cents);
        if (grouped)
        {
            rows = [.. rows.OrderBy(t => t.CustomerId, StringComparer.Ordinal)];
        }

        var holdoutEnd = End.AddDays(60);
        var grouping = CustomerSummaries.GroupTransactions(rows, End, TimeUnit.Week, holdoutEnd, 1 + (chunkRows % 5), 1 + (partitionRows % 4));
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Week, holdoutEnd);
        builder.Add(rows);
        var expected = builder.Build();
        if (!SameSummaries(expected, grouping) || expected.HoldoutOnlyCustomerCount != grouping.HoldoutOnlyCustomerCount
            || expected.TransactionCount != grouping.TransactionCount || expected.ExcludedTransactionCount != grouping.ExcludedTransactionCount
            || expected.RefundTransactionCount != grouping.RefundTransactionCount || expected.HoldoutEnd != grouping.HoldoutEnd)
        {
            return false;
        }

        for (int i = 0; i < expected.Count; i++)
        {
            if (expected[i].CustomerId != grouping[i].CustomerId || !expected.PurchaseDayNumbers(i).SequenceEqual(grouping.PurchaseDayNumbers(i)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool OnlyAfterEnd(Transaction[] rows) => rows.Length > 0 && rows.All(t => t.Date > End);

    private static bool ThrowsForObservationEnd(Transaction[] rows) =>
        Assert.Throws<ArgumentException>(() => CustomerSummaries.FromTransactions(rows, End, TimeUnit.Week)).ParamName == "observationEnd";

    internal static bool SameSummaries(CustomerSummaries a, CustomerSummaries b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var x in a)
        {
            if (!b.TryGetIndex(x.CustomerId, out int j))
            {
                return false;
            }

            var y = b[j];
            if (x.FirstPurchase != y.FirstPurchase || x.LastPurchase != y.LastPurchase || x.PurchaseDays != y.PurchaseDays
                || x.DaysSinceLastPurchase != y.DaysSinceLastPurchase || x.HoldoutPurchaseDays != y.HoldoutPurchaseDays
                || x.Recency != y.Recency || x.Age != y.Age
                || !Close(x.Spend, y.Spend) || !Close(x.Refunds, y.Refunds) || !Close(x.MonetaryValue, y.MonetaryValue)
                || !Close(x.HoldoutSpend, y.HoldoutSpend))
            {
                return false;
            }
        }

        return true;
    }

    // Summaries of parts merged add each part's rounded day sums, which may differ from the whole log's in the last bits (row
    // order alone does not: ExactDaySumTests).
    private static bool Close(double x, double y) => Math.Abs(x - y) <= 1e-9 * Math.Max(1, Math.Abs(x));
}
