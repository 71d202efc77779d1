using Clv.Valuation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Valuation;

public class RetentionClvTests
{
    private static RetentionClvOptions PerYear(double d, MarginTiming timing = MarginTiming.End, int? horizon = null) => new()
    {
        Period = TimeUnit.Year,
        DiscountRate = DiscountRate.Annual(d),
        Timing = timing,
        Horizon = horizon,
    };

    [Fact]
    public void Value_ReferenceExampleMarginAtEnd_Is266Point67()
    {
        Assert.Equal(800.0 / 3, RetentionClv.Value(100, 0.8, PerYear(0.1)), 1e-9);
        Assert.Equal(266.67, Math.Round(RetentionClv.Value(100, 0.8, PerYear(0.1)), 2));
    }

    [Fact]
    public void Value_ReferenceExampleMarginAtStart_Is366Point67()
    {
        Assert.Equal(1100.0 / 3, RetentionClv.Value(100, 0.8, PerYear(0.1, MarginTiming.Start)), 1e-9);
        Assert.Equal(366.67, Math.Round(RetentionClv.Value(100, 0.8, PerYear(0.1, MarginTiming.Start)), 2));
    }

    [Fact]
    public void Value_FiniteHorizonAtStart_MatchesReferenceFormula()
    {
        // Reference: t = 0..N gives m (1 - q^(N+1)) / (1 - q); here N + 1 = 5 margins.
        double q = 0.8 / 1.1;
        double expected = 100 * (1 - Math.Pow(q, 5)) / (1 - q);

        Assert.Equal(expected, RetentionClv.Value(100, 0.8, PerYear(0.1, MarginTiming.Start, 5)), 1e-9);
    }

    [Theory]
    [InlineData(MarginTiming.Start)]
    [InlineData(MarginTiming.Middle)]
    [InlineData(MarginTiming.End)]
    public void Value_FiniteHorizon_EqualsExplicitSum(MarginTiming timing)
    {
        var options = new RetentionClvOptions { Period = TimeUnit.Month, DiscountRate = DiscountRate.Annual(0.12), Timing = timing, Horizon = 36 };

        Assert.Equal(RetentionClv.ValueBySum(42, 0.93, options), RetentionClv.Value(42, 0.93, options), 1e-9);
    }

    [Fact]
    public void Value_Middle_IsBetweenStartAndEnd()
    {
        double start = RetentionClv.Value(100, 0.8, PerYear(0.1, MarginTiming.Start));
        double middle = RetentionClv.Value(100, 0.8, PerYear(0.1, MarginTiming.Middle));
        double end = RetentionClv.Value(100, 0.8, PerYear(0.1, MarginTiming.End));

        Assert.InRange(middle, end, start);
        Assert.Equal(Math.Sqrt(start * end), middle, 1e-9);
    }

    [Fact]
    public void Value_MonthlyTerms_ConvertAnnualRateByCompoundingNotDivision()
    {
        var options = new RetentionClvOptions { Period = TimeUnit.Month, DiscountRate = DiscountRate.Annual(0.1) };
        double monthly = Math.Pow(1.1, 1.0 / 12) - 1;
        double expected = 10 * 0.95 / (1 + monthly - 0.95);
        double naive = 10 * 0.95 / (1 + (0.1 / 12) - 0.95);

        Assert.Equal(expected, RetentionClv.Value(10, 0.95, options), 1e-9);
        Assert.NotEqual(naive, RetentionClv.Value(10, 0.95, options), 1e-6);
    }

    [Fact]
    public void Value_ZeroHorizon_IsZero() => Assert.Equal(0, RetentionClv.Value(100, 0.8, PerYear(0.1, MarginTiming.Start, 0)));

    [Fact]
    public void Value_Batch_EqualsScalar()
    {
        double[] margins = [100, 0, -5, 12.5];
        double[] retentions = [0.8, 0.5, 0.99, 0];
        var options = PerYear(0.1, MarginTiming.Middle, 7);
        var values = RetentionClv.Value(margins, retentions, options);
        var shared = new double[4];
        RetentionClv.Value(margins, 0.8, options, shared);

        for (int i = 0; i < margins.Length; i++)
        {
            Assert.Equal(RetentionClv.Value(margins[i], retentions[i], options), values[i], 1e-12);
            Assert.Equal(RetentionClv.Value(margins[i], 0.8, options), shared[i], 1e-12);
        }
    }

    [Theory]
    [InlineData(MarginTiming.Start, null)]
    [InlineData(MarginTiming.Middle, 12)]
    [InlineData(MarginTiming.End, 1000)]
    public void Value_LongBatch_EqualsScalarExactly(MarginTiming timing, int? horizon)
    {
        var random = new Random(7);
        var margins = Enumerable.Range(0, 1003).Select(_ => (random.NextDouble() * 200) - 20).ToArray();
        var retentions = Enumerable.Range(0, 1003).Select(_ => random.NextDouble() * 0.999).ToArray();
        retentions[5] = 0;
        var options = new RetentionClvOptions { Period = TimeUnit.Week, DiscountRate = DiscountRate.Annual(0.08), Timing = timing, Horizon = horizon };
        var values = RetentionClv.Value(margins, retentions, options);

        for (int i = 0; i < margins.Length; i++)
        {
            Assert.Equal(RetentionClv.Value(margins[i], retentions[i], options), values[i]);
        }
    }

    [Fact]
    public void Value_LongBatchWithBadValueLate_NamesItsIndex()
    {
        var margins = Enumerable.Repeat(10.0, 100).ToArray();
        var retentions = Enumerable.Repeat(0.5, 100).ToArray();
        retentions[61] = 1.5;
        margins[90] = double.NaN;

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RetentionClv.Value(margins, retentions, PerYear(0.1)));
        Assert.Contains("retentions[61]", ex.Message, StringComparison.Ordinal);
        retentions[61] = 0.5;
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => RetentionClv.Value(margins, retentions, PerYear(0.1)));
        Assert.Contains("margins[90]", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Value_RetentionOutsideUnitInterval_ThrowsNamingValue(double retention)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RetentionClv.Value(100, retention, PerYear(0.1)));

        Assert.Equal("retention", ex.ParamName);
        Assert.Contains("retention must be at least 0 and at most 1", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Retention 1 (nobody leaves) is a finite value wherever there is discounting or a horizon: m q / (1 - q) with q = 1/(1 + d)
    /// (m / d at the end of each period), or m H undiscounted over H periods. It used to be refused as "less than 1".
    /// </summary>
    [Theory]
    [InlineData(MarginTiming.End, null, 0.1, 1000.0)]
    [InlineData(MarginTiming.Start, null, 0.1, 1100.0)]
    [InlineData(MarginTiming.End, 12, 0.0, 1200.0)]
    [InlineData(MarginTiming.Start, 12, 0.0, 1200.0)]
    [InlineData(MarginTiming.Middle, 12, 0.0, 1200.0)]
    public void Value_RetentionOne_IsFiniteWithDiscountingOrAHorizon(MarginTiming timing, int? horizon, double d, double expected)
    {
        Assert.Equal(expected, RetentionClv.Value(100, 1.0, PerYear(d, timing, horizon)), 1e-9);
        double[] batch = RetentionClv.Value([100.0, 100.0, 100.0, 100.0, 100.0], [0.5, 1.0, 1.0, 0.5, 1.0], PerYear(d, timing, horizon));
        Assert.Equal(expected, batch[1], 1e-9);
        if (horizon is { } h)
        {
            Assert.Equal(RetentionClv.ValueBySum(100, 1.0, PerYear(d, timing, h)), batch[4], 1e-9);
        }
    }

    [Fact]
    public void Value_RetentionOneWithoutDiscountingOrHorizon_IsInfinite_AndSaysSo()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RetentionClv.Value(100, 1.0, PerYear(0)));
        Assert.Equal("retention", ex.ParamName);
        Assert.StartsWith("retention is 1 (nobody leaves) with no discounting and no horizon: the value is infinite. Give options.Horizon or a discount rate above 0.", ex.Message, StringComparison.Ordinal);
        var batch = Assert.Throws<ArgumentOutOfRangeException>(() => RetentionClv.Value([1.0, 2.0], [0.5, 1.0], PerYear(0)));
        Assert.StartsWith("retentions[1] is 1 (nobody leaves)", batch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_BatchWithBadRetention_NamesIndexAndValue()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RetentionClv.Value([1.0, 2.0], [0.5, 1.5], PerYear(0.1)));

        Assert.Equal("retentions", ex.ParamName);
        Assert.Contains("retentions[1] must be at least 0 and at most 1, but was 1.5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_BadArguments_Throw()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => DiscountRate.Annual(-0.1));
        Assert.Contains("-0.1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => RetentionClv.Value(double.NaN, 0.5, PerYear(0.1)));
        var horizon = Assert.Throws<ArgumentOutOfRangeException>(() => RetentionClv.Value(1, 0.5, PerYear(0.1, MarginTiming.End, -1)));
        Assert.Equal("options.Horizon", horizon.ParamName);
        Assert.Contains("options.Horizon must be at least 0 periods (or null for an infinite horizon), but was -1.", horizon.Message, StringComparison.Ordinal);
        var timing = Assert.Throws<ArgumentOutOfRangeException>(() => RetentionClv.Value([1.0], 0.5, PerYear(0.1, (MarginTiming)7), new double[1]));
        Assert.Equal("options.Timing", timing.ParamName);
        var period = Assert.Throws<ArgumentOutOfRangeException>(() => RetentionClv.Value(1, 0.5, new RetentionClvOptions { Period = (TimeUnit)9 }));
        Assert.Equal("options.Period", period.ParamName);
        Assert.Throws<ArgumentException>(() => RetentionClv.Value([1.0, 2.0], [0.5], PerYear(0.1)));
        Assert.Throws<ArgumentException>(() => RetentionClv.Value([1.0, 2.0], [0.5, 0.5], PerYear(0.1), new double[1]));
    }

    [Fact]
    public void Value_DefaultOrNullOptions_AreTheTextbookYearlyTerms()
    {
        var d = RetentionClvOptions.Default;
        Assert.Equal((TimeUnit.Year, DiscountRate.Annual(0.1), MarginTiming.End, (int?)null), (d.Period, d.DiscountRate, d.Timing, d.Horizon));
        Assert.Equal(266.67, RetentionClv.Value(100, 0.8, null), 0.005);
        Assert.Equal(RetentionClv.Value(100, 0.8, PerYear(0.1)), RetentionClv.Value(100, 0.8, RetentionClvOptions.Default));
        var destination = new double[2];
        RetentionClv.Value([100.0, 50.0], 0.8, null, destination);
        Assert.Equal(RetentionClv.Value(50, 0.8, null), destination[1]);
    }

    [Property(MaxTest = 300)]
    public Property Value_NeverRisesAsDiscountRateRises()
    {
        var gen =
            from m in Gen.Choose(0, 10_000)
            from r in Gen.Choose(0, 999)
            from d1 in Gen.Choose(0, 1000)
            from d2 in Gen.Choose(0, 1000)
            from timing in Gen.Elements(MarginTiming.Start, MarginTiming.Middle, MarginTiming.End)
            from horizon in Gen.Elements<int?>(null, 0, 1, 5, 60)
            select (m / 10.0, r / 1000.0, Math.Min(d1, d2) / 1000.0, Math.Max(d1, d2) / 1000.0, timing, horizon);
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var (m, r, low, high, timing, horizon) = x;
            double atLow = RetentionClv.Value(m, r, PerYear(low, timing, horizon));
            double atHigh = RetentionClv.Value(m, r, PerYear(high, timing, horizon));
            return atHigh <= atLow * (1 + 1e-12);
        });
    }

    [Property(MaxTest = 300)]
    public Property Value_AtZeroRate_EqualsPlainSumOfSurvivingMargins()
    {
        var gen =
            from m in Gen.Choose(-1000, 1000)
            from r in Gen.Choose(0, 999)
            from h in Gen.Choose(0, 120)
            from timing in Gen.Elements(MarginTiming.Start, MarginTiming.Middle, MarginTiming.End)
            select (m / 10.0, r / 1000.0, h, timing);
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var (m, r, h, timing) = x;
            double offset = timing == MarginTiming.Start ? 0 : timing == MarginTiming.Middle ? 0.5 : 1;
            double plain = 0;
            for (int k = 0; k < h; k++)
            {
                plain += m * Math.Pow(r, k + offset);
            }

            double value = RetentionClv.Value(m, r, new RetentionClvOptions { Period = TimeUnit.Week, DiscountRate = DiscountRate.Zero, Timing = timing, Horizon = h });
            return Math.Abs(value - plain) <= 1e-9 * (1 + Math.Abs(plain));
        });
    }

    [Property(MaxTest = 200)]
    public Property Value_FiniteSumTendsToInfiniteClosedForm()
    {
        var gen =
            from m in Gen.Choose(1, 1000)
            from r in Gen.Choose(0, 990)
            from d in Gen.Choose(0, 500)
            from timing in Gen.Elements(MarginTiming.Start, MarginTiming.Middle, MarginTiming.End)
            select (m * 1.0, r / 1000.0, d / 1000.0, timing);
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var (m, r, d, timing) = x;
            double infinite = RetentionClv.Value(m, r, PerYear(d, timing));
            double previousGap = double.PositiveInfinity;
            foreach (int h in new[] { 10, 100, 1000, 5000 })
            {
                double gap = infinite - RetentionClv.ValueBySum(m, r, PerYear(d, timing, h));
                if (gap < -1e-9 * infinite || gap > previousGap + (1e-9 * infinite))
                {
                    return false;
                }

                previousGap = gap;
            }

            return previousGap <= 1e-6 * infinite;
        });
    }
}
