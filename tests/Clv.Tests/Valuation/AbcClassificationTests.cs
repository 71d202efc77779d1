using Clv.Valuation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Valuation;

public class AbcClassificationTests
{
    private static double[] Values(int seed)
    {
        var g = new Random(seed);
        int n = g.Next(0, 300);
        // Heavy-tailed spend with many ties (rounded) and some zero or negative values (refunds).
        return [.. Enumerable.Range(0, n).Select(_ => g.Next(10) == 0 ? -g.Next(50) : Math.Round(Math.Exp(3 * g.NextDouble() * g.NextDouble() * 4)))];
    }

    private static AbcOptions Options(int seed)
    {
        var g = new Random(seed ^ 0x5bd1);
        double a = 0.05 + (0.9 * g.NextDouble());
        return new AbcOptions { AShare = a, BShare = (1 - a) * g.NextDouble() };
    }

    [Fact]
    public void Classify_WorkedExample_80_15_5()
    {
        AbcClass[] classes = AbcClassification.Classify([3, 50, 10, 2, 30, 5], null);

        Assert.Equal([AbcClass.C, AbcClass.A, AbcClass.B, AbcClass.C, AbcClass.A, AbcClass.B], classes);
    }

    [Theory]
    [InlineData(new[] { 0.15, 0.6 }, "BA")]                // 0.6 is exactly 80% of 0.75: 0.15 is not needed for A
    [InlineData(new[] { 1, 0.35, 0.4 }, "ABA")]            // 1 + 0.4 = 1.4 is exactly 80% of 1.75
    [InlineData(new[] { 0.1, 0.15, 0.05, 0.2, 0.5 }, "BACAA")]   // 0.95 above 0.05: exactly 80% + 15%, so 0.05 is C
    [InlineData(new[] { 0.8, 0.15, 0.05 }, "ABC")]
    public void Classify_ValuesBringingExactlyTheShare_ReachIt(double[] values, string expected)
    {
        // Amounts in cents, not exact in binary: the customers worth more than v who bring exactly AShare (or AShare + BShare)
        // of the total have reached it, so v drops to the next class, as the rule "bring less than AShare" says.
        var classes = AbcClassification.Classify(values, null);

        Assert.Equal(expected, string.Concat(classes.Select(c => c.ToString())));
    }

    [Fact]
    public void Classify_BShareAboveTheRest_MessageShowsTheRestAsWritten()
    {
        // 1 - 0.8 is 0.19999999999999996 in binary: the message showed "[0, 0.19999999999999996]".
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => AbcClassification.Classify([1.0], new AbcOptions { AShare = 0.8, BShare = 0.3 }));

        Assert.Equal("options.BShare", e.ParamName);
        Assert.Contains("options.BShare must be in [0, 1 - options.AShare] = [0, 0.2], but was 0.3.", e.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 300)]
    public Property Classify_HigherValueNeverALowerClass_AndEqualValuesShareOne(int seed)
    {
        var v = Values(seed);
        var c = AbcClassification.Classify(v, Options(seed));
        bool ok = true;
        for (int i = 0; i < v.Length; i++)
        {
            for (int j = 0; j < v.Length; j++)
            {
                ok &= !(v[i] > v[j]) || c[i] <= c[j];
                ok &= v[i] != v[j] || c[i] == c[j];
            }

            ok &= v[i] > 0 || c[i] == AbcClass.C;
        }

        return ok.Label($"seed {seed}");
    }

    [Property(MaxTest = 300)]
    public Property Classify_ABringsItsShare_AndIsTheFewestWhoDo(int seed)
    {
        var v = Values(seed);
        var o = Options(seed);
        var c = AbcClassification.Classify(v, o);
        double total = v.Where(x => x > 0).Sum();
        double a = v.Where((_, i) => c[i] == AbcClass.A).Sum();
        double ab = v.Where((_, i) => c[i] != AbcClass.C).Sum();
        double smallestA = v.Where((_, i) => c[i] == AbcClass.A).DefaultIfEmpty(double.NaN).Min();
        double aWithoutItsSmallest = v.Where((x, i) => c[i] == AbcClass.A && x > smallestA).Sum();
        const double slack = 1e-9;
        bool covers = total == 0 || (a >= (o.AShare * total) - slack && ab >= ((o.AShare + o.BShare) * total) - (slack * total));
        bool fewest = double.IsNaN(smallestA) || aWithoutItsSmallest < (o.AShare * total) + slack;
        return (covers && fewest).Label($"seed {seed}: total {total}, A {a}, A+B {ab}, A without its smallest value {aWithoutItsSmallest}, options {o.AShare}/{o.BShare}");
    }

    [Property(MaxTest = 100)]
    public Property Classify_OrderOfTheInput_DoesNotMatter(int seed)
    {
        var v = Values(seed);
        var order = Enumerable.Range(0, v.Length).OrderBy(_ => new Random(seed).Next()).ToArray();
        var shuffled = order.Select(i => v[i]).ToArray();
        var c = AbcClassification.Classify(v, null);
        var cs = AbcClassification.Classify(shuffled, null);
        return order.Select((i, k) => cs[k] == c[i]).All(x => x).Label($"seed {seed}");
    }

    [Property(MaxTest = 200)]
    public Property Classify_ValuesScaledByAPowerOfTwo_UpToTheLargestDouble_KeepTheirClasses(int seed)
    {
        // The classes depend only on shares, so scaling every value by 2^e (exact) keeps them, up to values near the largest
        // double whose sum overflows: that total was infinite, every limit NaN, and every customer C.
        var v = Values(seed);
        var o = Options(seed);
        if (!(v.DefaultIfEmpty(0).Max() > 0))
        {
            return true.Label("no positive value");
        }

        // The largest magnitude (a refund may outweigh every purchase) lands near the largest double, none beyond it.
        int e = 1023 - Math.ILogB(v.Max(Math.Abs)) - new Random(seed).Next(0, 3);
        var scaled = v.Select(x => Math.ScaleB(x, e)).ToArray();
        var c = AbcClassification.Classify(v, o);
        var cs = AbcClassification.Classify(scaled, o);
        return c.SequenceEqual(cs).Label($"seed {seed}: 2^{e}, {string.Concat(c.Select(x => x.ToString()))} became {string.Concat(cs.Select(x => x.ToString()))}");
    }

    [Fact]
    public void Classify_TwoValuesNearTheLargestDouble_AreNotAllC()
    {
        Assert.Equal([AbcClass.A, AbcClass.A, AbcClass.C], AbcClassification.Classify([1e308, 1e308, 1], null));
    }

    [Fact]
    public void Classify_BadInput_NamesTheIndexOrTheOption()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => AbcClassification.Classify([1, double.NaN], null));
        Assert.Contains("values[1]", e.Message, StringComparison.Ordinal);
        Assert.Equal("options.AShare", Assert.Throws<ArgumentOutOfRangeException>(() => AbcClassification.Classify([1.0], new AbcOptions { AShare = 0 })).ParamName);
        Assert.Equal("options.BShare", Assert.Throws<ArgumentOutOfRangeException>(() => AbcClassification.Classify([1.0], new AbcOptions { AShare = 0.9, BShare = 0.2 })).ParamName);
        Assert.Throws<ArgumentException>(() => AbcClassification.Classify([1.0, 2.0], null, new AbcClass[1]));
        Assert.All(AbcClassification.Classify([0.0, -5, 0], null), c => Assert.Equal(AbcClass.C, c));
        Assert.Empty(AbcClassification.Classify([], null));
    }
}
