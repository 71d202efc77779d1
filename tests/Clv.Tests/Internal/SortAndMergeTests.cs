using Clv.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Internal;

/// <summary>
/// <see cref="CustomerDays.SortAndMerge"/> sorts a customer's days stably and merges equal days: each distinct day once,
/// ascending, with its amounts added in the order they came (so the sums are exact to the bit against that order).
/// </summary>
public class SortAndMergeTests
{
    /// <summary>The expected result: distinct days ascending, each with its amounts summed left to right in input order.</summary>
    private static (int[] Days, double[] Amounts) Reference(int[] days, double[] amounts)
    {
        var groups = days.Select((d, i) => (Day: d, Index: i)).GroupBy(p => p.Day).OrderBy(g => g.Key).ToArray();
        var sums = groups.Select(g =>
        {
            double sum = 0;
            bool first = true;
            foreach (var p in g.OrderBy(p => p.Index))
            {
                sum = first ? amounts[p.Index] : sum + amounts[p.Index];
                first = false;
            }

            return sum;
        }).ToArray();
        return (groups.Select(g => g.Key).ToArray(), sums);
    }

    private static bool Check(int[] days, double[] amounts)
    {
        var (expectedDays, expectedAmounts) = Reference(days, amounts);
        var d = (int[])days.Clone();
        var a = (double[])amounts.Clone();
        int n = CustomerDays.SortAndMerge(d, a);
        return n == expectedDays.Length
            && d.AsSpan(0, n).SequenceEqual(expectedDays)
            && a.AsSpan(0, n).ToArray().Select(BitConverter.DoubleToInt64Bits).SequenceEqual(expectedAmounts.Select(BitConverter.DoubleToInt64Bits));
    }

    /// <summary>Lengths on both sides of the insertion-sort limit and several merge passes, few distinct days (many ties).</summary>
    [Property(MaxTest = 300)]
    public Property AnyLength_ManyTies_EqualsStableReference() =>
        Prop.ForAll(
            (from n in Gen.Choose(0, 700)
             from range in Gen.Choose(1, 40)
             from days in Gen.Choose(10_000, 10_000 + range).ArrayOf(n)
             from cents in Gen.Choose(-1_000_000, 1_000_000).ArrayOf(n)
             select (days, amounts: cents.Select(k => k / 97.0).ToArray())).ToArbitrary(),
            p => Check(p.days, p.amounts));

    /// <summary>Exactly at and one past each run width (32, 64, 128), days descending: every element moves.</summary>
    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(128)]
    [InlineData(129)]
    [InlineData(1000)]
    public void Descending_AtRunEdges_Sorted(int n)
    {
        var days = Enumerable.Range(0, n).Select(i => 5000 - (i / 2)).ToArray();
        var amounts = Enumerable.Range(0, n).Select(i => 0.1 * (i + 1)).ToArray();
        Assert.True(Check(days, amounts));
    }

    /// <summary>Same-day amounts whose sum depends on the order of addition: the input order is kept.</summary>
    [Fact]
    public void SameDayAmounts_AddedInInputOrder()
    {
        // 1e16 + 1 + 1 - 1e16 is 0 left to right but 2 in another order; place the four far apart among 100 other days.
        var days = Enumerable.Range(0, 104).Select(i => 1000 + i).ToArray();
        var amounts = Enumerable.Repeat(1.0, 104).ToArray();
        (days[3], amounts[3]) = (7, 1e16);
        (days[40], amounts[40]) = (7, 1.0);
        (days[70], amounts[70]) = (7, 1.0);
        (days[100], amounts[100]) = (7, -1e16);
        int n = CustomerDays.SortAndMerge(days, amounts);
        Assert.Equal(101, n);
        Assert.Equal(7, days[0]);
        Assert.Equal(((1e16 + 1.0) + 1.0) - 1e16, amounts[0]);
    }
}
