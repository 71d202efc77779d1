using Clv.Internal;

namespace Clv.Tests.Internal;

/// <summary>
/// <see cref="CustomerDays"/> directly: the merge of two parts (shared customers' days interleaved and same days summed,
/// refunds from either side, earliest rows), the earliest-row list from segments with and without lengths, and the
/// segment sort.
/// </summary>
public class CustomerDaysTests
{
    // Part a: x buys on days 1, 5, 9; y on day 2. Arrays exactly as long as the customers need (starts holds count + 1).
    private static CustomerDays PartA(bool refunds) => new(
        2, CustomerIds.FromStrings(["x", "y"], 2), [0, 3, 4], [1, 5, 9, 2], [1, 2, 3, 4], refunds ? [0.5, 0.25] : null, ([], []));

    // Part b: z (new, b's customer 0) buys on days 3, 4 after a refund row on day 2; x buys on days 0, 5, 7, 12.
    private static CustomerDays PartB(bool refunds) => new(
        2, CustomerIds.FromStrings(["z", "x"], 2), [0, 2, 6], [3, 4, 0, 5, 7, 12], [5, 6, 10, 20, 30, 40], refunds ? [7, 0.125] : null, ([0], [2]));

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Merge_SharedAndOwnCustomers_DaysInterleaved_SameDaysSummed_RefundsFromEitherSide(bool refundsInA, bool refundsInB)
    {
        var merged = CustomerDays.Merge(PartA(refundsInA), PartB(refundsInB));

        Assert.Equal(3, merged.CustomerCount);
        Assert.Equal(["x", "y", "z"], Enumerable.Range(0, 3).Select(merged.Id));

        // x: b's 0, a's 1, both 5 (2 + 20), b's 7, a's 9, b's 12 (after a ran out).
        Assert.Equal([0, 1, 5, 7, 9, 12], merged.Days(0).ToArray());
        Assert.Equal([10.0, 1, 22, 30, 3, 40], merged.Amounts(0).ToArray());

        // y only in a (not b's customer 0 or 1), z only in b (beyond a's customers).
        Assert.Equal([2], merged.Days(1).ToArray());
        Assert.Equal([4.0], merged.Amounts(1).ToArray());
        Assert.Equal([3, 4], merged.Days(2).ToArray());
        Assert.Equal([5.0, 6], merged.Amounts(2).ToArray());

        double[] expectedRefunds = [(refundsInA ? 0.5 : 0) + (refundsInB ? 0.125 : 0), refundsInA ? 0.25 : 0, refundsInB ? 7 : 0];
        Assert.Equal(expectedRefunds, Enumerable.Range(0, 3).Select(merged.Refunds));

        // Earliest rows: x's is b's day 0, y's its purchase, z's the refund row on day 2 before its first purchase.
        Assert.Equal([0, 2, 2], Enumerable.Range(0, 3).Select(merged.FirstRowDay));
    }

    [Fact]
    public void Merge_EitherSideEmpty_GivesTheOther()
    {
        var empty = new CustomerDays(0, CustomerIds.FromStrings([], 0), [0], [], [], null, ([], []));
        foreach (var merged in new[] { CustomerDays.Merge(empty, PartB(true)), CustomerDays.Merge(PartB(true), empty) })
        {
            Assert.Equal(["z", "x"], Enumerable.Range(0, 2).Select(merged.Id));
            Assert.Equal([3, 4], merged.Days(0).ToArray());
            Assert.Equal([0, 5, 7, 12], merged.Days(1).ToArray());
            Assert.Equal([7.0, 0.125], Enumerable.Range(0, 2).Select(merged.Refunds));
            Assert.Equal([2, 0], Enumerable.Range(0, 2).Select(merged.FirstRowDay));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OtherFirstRows_ContiguousOrWithLengths_ListsCustomersWhoseEarliestRowIsNotTheirFirstDay(bool withLengths)
    {
        // Customer 0: first day 10, earliest row 10. Customer 1: no purchase day, a refund on day 4. Customer 2: days 6, 8, a
        // refund on day 3. Customer 3: day 7. Customer 4 (last, so its start is the end of the days): no purchase day, a refund
        // on day 9. With lengths, segments leave gaps (a merged day's slot at 3 and 5).
        int[] days = withLengths ? [10, 6, 8, -1, 7, -1] : [10, 6, 8, 7];
        int[] starts = withLengths ? [0, 1, 1, 4, 6] : [0, 1, 1, 3, 4, 4];
        int[]? lengths = withLengths ? [1, 0, 2, 1, 0] : null;
        int[] firstRowDays = [10, 4, 3, 7, 9];
        var (customers, firstDays) = CustomerDays.OtherFirstRows(5, starts, lengths, days, firstRowDays);
        Assert.Equal([1, 2, 4], customers);
        Assert.Equal([4, 3, 9], firstDays);

        var ids = CustomerIds.FromStrings(["a", "b", "c", "d", "e"], 5);
        var built = withLengths
            ? new CustomerDays(5, ids, starts, lengths!, days, new double[days.Length], null, firstRowDays)
            : new CustomerDays(5, ids, starts, days, new double[days.Length], null, (customers, firstDays));
        Assert.Equal(firstRowDays, Enumerable.Range(0, 5).Select(built.FirstRowDay));
        Assert.Equal([6, 8], built.Days(2).ToArray());
        Assert.True(built.Days(4).IsEmpty);
        Assert.True(built.Days(1).IsEmpty);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(200)]
    public void SortAndMerge_AnyLength_DistinctDaysAscendingWithTheirSums(int length)
    {
        var random = new Random(length);
        int[] days = [.. Enumerable.Range(0, length).Select(_ => random.Next(0, Math.Max(1, length / 2)))];
        double[] amounts = [.. Enumerable.Range(0, length).Select(_ => (double)random.Next(1, 100))];
        var expected = days.Zip(amounts).GroupBy(p => p.First).OrderBy(g => g.Key).Select(g => (g.Key, g.Sum(p => p.Second))).ToArray();

        int distinct = CustomerDays.SortAndMerge(days, amounts, default);

        Assert.Equal(expected.Length, distinct);
        Assert.Equal(expected.Select(e => e.Key), days[..distinct]);
        Assert.Equal(expected.Select(e => e.Item2), amounts[..distinct]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(200)]
    public void SortAndMerge_WithRoundingErrors_CarriesThemWithTheirDays(int length)
    {
        // Amounts with errors beside them (dyadic, so every sum here is exact): the sorted days keep each row's pair, and a
        // day's sum and error add up to the day's total.
        var random = new Random(length);
        int[] days = [.. Enumerable.Range(0, length).Select(_ => random.Next(0, Math.Max(1, length / 2)))];
        double[] amounts = [.. Enumerable.Range(0, length).Select(_ => (double)random.Next(1, 100))];
        double[] lows = [.. Enumerable.Range(0, length).Select(_ => random.Next(-8, 8) / 1024.0)];
        var expected = days.Select((d, i) => (Day: d, Total: amounts[i] + lows[i])).GroupBy(p => p.Day).OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Sum(p => p.Total))).ToArray();

        int distinct = CustomerDays.SortAndMerge(days, amounts, lows);

        Assert.Equal(expected.Length, distinct);
        Assert.Equal(expected.Select(e => e.Key), days[..distinct]);
        Assert.Equal(expected.Select(e => e.Item2), Enumerable.Range(0, distinct).Select(i => amounts[i] + lows[i]));
    }
}
