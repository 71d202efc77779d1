using Clv.Plots.Internal;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Plots;

/// <summary>The report's top-customer and at-risk lists: the first of LINQ's rank order, without sorting every customer.</summary>
public class TopRanksTests
{
    private static int[] Linq(double[] values, int top, Func<int, bool>? keep) =>
        [.. Enumerable.Range(0, values.Length).Where(i => keep is null || keep(i)).OrderByDescending(i => values[i]).ThenBy(i => i).Take(top)];

    [Property(MaxTest = 500)]
    public Property Descending_AnyValuesTiesAndNaN_TheSameIndicesAsLinqsOrder()
    {
        // Few distinct values so that ties are common; NaN, both zeros and infinities among them.
        double[] pool = [double.NaN, 0.0, -0.0, 1.0, 2.5, -3.0, double.PositiveInfinity, double.NegativeInfinity, 1e-300];
        var gen =
            from values in Gen.Elements(pool).ArrayOf()
            from top in Gen.Choose(1, 12)
            from keepEvery in Gen.Choose(0, 3)
            select (values, top, keepEvery);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            Func<int, bool>? keep = c.keepEvery == 0 ? null : i => i % (c.keepEvery + 1) != 0;
            int[] expected = Linq(c.values, c.top, keep);
            int[] actual = TopRanks.Descending(c.values.Length, c.top, i => c.values[i], keep);
            return expected.SequenceEqual(actual);
        });
    }

    [Property(MaxTest = 300)]
    public Property Descending_WithIds_EqualValuesByIdThenIndex()
    {
        var gen =
            from values in Gen.Elements(0.0, 1.0, 2.5, double.NaN).ArrayOf()
            from ids in Gen.Elements("a", "b", "B", "c1").ArrayOf(values.Length)
            from top in Gen.Choose(1, 12)
            select (values, ids, top);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            int[] expected = [.. Enumerable.Range(0, c.values.Length).OrderByDescending(i => c.values[i]).ThenBy(i => c.ids[i], StringComparer.Ordinal).ThenBy(i => i).Take(c.top)];
            return expected.SequenceEqual(TopRanks.Descending(c.values.Length, c.top, i => c.values[i], id: i => c.ids[i]));
        });
    }

    [Fact]
    public void Descending_AMillionValuesInAscendingOrder_TheLargestFirst()
    {
        // Every index beats the worst kept one: the heap is replaced at each step (the worst case of the selection).
        var values = Enumerable.Range(0, 1_000_000).Select(i => i / 7.0).ToArray();
        int[] top = TopRanks.Descending(values.Length, 1_000, i => values[i]);
        Assert.Equal(Linq(values, 1_000, null), top);
        Assert.Equal(999_999, top[0]);
    }

    [Fact]
    public void Descending_NothingKept_AnEmptyList()
    {
        Assert.Empty(TopRanks.Descending(5, 3, i => i, _ => false));
        Assert.Empty(TopRanks.Descending(0, 3, i => i));
    }
}
