using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>CLV by period and the value of a new customer (issue 16, items 2 and 4).</summary>
public class ClvByPeriodTests
{
    private static readonly GammaGammaModel Spend = new(6.25, 3.74, 15.44);

    private static readonly PurchaseModel[] Models =
    [
        new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week),
        new MbgNbdModel(0.525, 6.183, 0.891, 1.614, TimeUnit.Week),
        new ParetoNbdModel(0.553, 10.578, 0.606, 11.669, TimeUnit.Week),
    ];

    private static readonly PredictiveClvOptions ThreeYears = new() { Periods = 36, Period = TimeUnit.Month, DiscountRate = DiscountRate.Annual(0.1), MarginRate = 0.3 };

    [Fact]
    public void Rows_SumToPredictiveClv()
    {
        var customers = CdnowFits.Summaries;
        foreach (var m in Models)
        {
            var table = ClvByPeriod.Compute(m, Spend, customers, ThreeYears);
            var totals = PredictiveClv.Compute(m, Spend, customers, ThreeYears);
            Assert.Equal(customers.Count, table.CustomerCount);
            Assert.Equal(36, table.PeriodCount);
            int positive = 0;
            for (int i = 0; i < customers.Count; i++)
            {
                Assert.True(Math.Abs(table.Total(i) - totals[i]) <= 1e-12 * Math.Max(1, totals[i]), $"{m.Name} customer {i}: {table.Total(i)} vs {totals[i]}");
                foreach (double v in table.Row(i))
                {
                    Assert.True(v >= 0 && double.IsFinite(v));
                }

                positive += totals[i] > 0 ? 1 : 0;
            }

            Assert.True(positive > customers.Count / 2);
        }
    }

    [Fact]
    public void Grouped_ByTwelveMonths_GivesYearsThatSumToTheSameTotals()
    {
        var customers = CdnowFits.Summaries;
        var months = ClvByPeriod.Compute(Models[0], Spend, customers, ThreeYears);
        var years = months.Grouped(12);
        Assert.Equal(3, years.PeriodCount);
        Assert.Equal(12, years.PeriodsPerColumn);
        Assert.Equal(TimeUnit.Month, years.Period);
        for (int i = 0; i < customers.Count; i += 11)
        {
            for (int y = 0; y < 3; y++)
            {
                double sum = 0;
                for (int k = 12 * y; k < 12 * (y + 1); k++)
                {
                    sum += months[i, k];
                }

                Assert.Equal(sum, years[i, y], 1e-12);
            }

            Assert.Equal(months.Total(i), years.Total(i), 1e-10);

            // A customer's value fades: each year is worth less than the one before (dropout and discounting).
            if (months.Total(i) > 0)
            {
                Assert.True(years[i, 0] > years[i, 1] && years[i, 1] > years[i, 2]);
            }
        }

        Assert.Equal(months.Column(5)[17], months[17, 5]);
        var uneven = months.Grouped(10);
        Assert.Equal(4, uneven.PeriodCount);
        Assert.Equal(months.Total(3), uneven.Total(3), 1e-10);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(12)]
    [InlineData(36)]
    [InlineData(40)]
    public void ComputeGrouped_IsComputeThenGrouped_ToTheBit(int periodsPerGroup)
    {
        // The scorecard's CLV by year sums each customer's months without the customers x months table: the same cells, bit
        // for bit, for every model, whether or not the group size divides the 36 months.
        var customers = CdnowFits.Summaries;
        foreach (var m in Models)
        {
            var expected = ClvByPeriod.Compute(m, Spend, customers, ThreeYears).Grouped(periodsPerGroup);
            var actual = ClvByPeriod.Compute(m, Spend, customers, ThreeYears, periodsPerGroup);
            Assert.Equal((expected.CustomerCount, expected.PeriodCount, expected.PeriodsPerColumn, expected.Period), (actual.CustomerCount, actual.PeriodCount, actual.PeriodsPerColumn, actual.Period));
            for (int i = 0; i < customers.Count; i++)
            {
                Assert.Equal(expected.Row(i).ToArray(), actual.Row(i).ToArray());
            }
        }
    }

    [Fact]
    public void LargePopulation_OverTheCores_EachRowIsTheCustomersOwn()
    {
        // 40,000 customers: rows are computed in ranges on every core, grouped or not; each equals the one-customer form.
        var random = new Random(11);
        var end = new DateOnly(2021, 12, 31);
        var rows = new List<Transaction>();
        for (int c = 0; c < 40_000; c++)
        {
            for (int k = 0, n = random.Next(0, 5), day = random.Next(0, 600); k < n && day < 730; k++, day += 1 + random.Next(0, 150))
            {
                rows.Add(new Transaction("c" + c, new DateOnly(2020, 1, 1).AddDays(day), 5 + random.Next(0, 100)));
            }
        }

        var customers = CustomerSummaries.FromTransactions(rows.ToArray(), end, TimeUnit.Week);
        var model = Models[0];
        var months = ClvByPeriod.Compute(model, Spend, customers, ThreeYears);
        var years = ClvByPeriod.Compute(model, Spend, customers, ThreeYears, 12);
        var one = new double[36];
        var span = customers.AsSpan();
        for (int i = 0; i < customers.Count; i++)
        {
            ClvByPeriod.Compute(model, Spend, span[i], ThreeYears, one);
            Assert.Equal(one, months.Row(i).ToArray());
            double[] year = [one[..12].Sum(), one[12..24].Sum(), one[24..].Sum()];
            for (int y = 0; y < 3; y++)
            {
                Assert.Equal(year[y], years.Row(i)[y], Math.Abs(year[y]) * 1e-14);
            }
        }
    }

    [Fact]
    public void OnePeriod_EqualsTheTotal()
    {
        var c = CdnowFits.Summaries[3];
        var options = new PredictiveClvOptions { Periods = 1, Period = TimeUnit.Year };
        var d = new double[1];
        ClvByPeriod.Compute(Models[2], Spend, c, options, d);
        Assert.Equal(PredictiveClv.Compute(Models[2], Spend, c, options), d[0], 1e-12);
    }

    [Fact]
    public void Compute_BadArguments_Throw()
    {
        var table = ClvByPeriod.Compute(Models[0], Spend, CdnowFits.Summaries, null);
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Grouped(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => table[table.CustomerCount, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => table[0, 12]);
        var e = Assert.Throws<ArgumentException>(() => ClvByPeriod.Compute(Models[0], Spend, CdnowFits.Summaries[0], null, new double[5]));
        Assert.Equal("destination", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ClvByPeriod.Compute(Models[0], Spend, CdnowFits.Summaries, new PredictiveClvOptions { Periods = 0 }));
    }

    [Fact]
    public void NewCustomer_EqualsTheValueOfACustomerAcquiredToday()
    {
        // A customer whose first purchase is on the valuation date (x = 0, T = 0) is a new customer: same repeat value.
        var end = new DateOnly(2026, 6, 30);
        var justAcquired = CustomerSummaries.FromTransactions([new Transaction("new", end, 40)], end, TimeUnit.Week)[0];
        foreach (var m in Models)
        {
            var value = PredictiveClv.NewCustomer(m, Spend, ThreeYears);
            double existing = PredictiveClv.Compute(m, new GammaGammaModel(Spend.P, Spend.Q, Spend.V), justAcquired, ThreeYears);

            // The Gamma-Gamma expectation of a customer without repeat purchases is the population mean spend.
            Assert.Equal(Spend.MeanSpend, Spend.ConditionalExpectedSpend(justAcquired), 1e-12);
            Assert.Equal(existing, value.RepeatValue, 1e-10);
            Assert.Equal(m.ExpectedPurchases(3 * 365.25 / 7), value.ExpectedRepeatPurchases, 1e-9);
            Assert.Equal(0.3 * Spend.MeanSpend, value.FirstPurchaseValue, 1e-12);
            Assert.Equal(value.FirstPurchaseValue + value.RepeatValue, value.Value);
        }
    }

    [Fact]
    public void NewCustomer_NoDiscount_IsMarginTimesMeanSpendTimesAllPurchases()
    {
        var options = new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week, DiscountRate = DiscountRate.Zero, MarginRate = 0.25 };
        foreach (var m in Models)
        {
            var value = PredictiveClv.NewCustomer(m, Spend, options);
            Assert.Equal(0.25 * Spend.MeanSpend * (1 + m.ExpectedPurchases(52)), value.Value, 1e-9);
        }
    }

    [Fact]
    public void NewCustomer_InfiniteMeanSpend_ThrowsNamingQ()
    {
        var e = Assert.Throws<ArgumentException>(() => PredictiveClv.NewCustomer(Models[0], new GammaGammaModel(6, 0.8, 15), null));
        Assert.Equal("spend", e.ParamName);
        Assert.Contains("q (0.8)", e.Message, StringComparison.Ordinal);
    }
}
