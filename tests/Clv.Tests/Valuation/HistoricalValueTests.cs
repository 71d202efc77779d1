using Clv.Valuation;

namespace Clv.Tests.Valuation;

public class HistoricalValueTests
{
    private static readonly DateOnly End = new(2024, 12, 31);

    [Fact]
    public void ForCustomer_SeedExampleFirstOrder100AndTenRepeatsOf50_Is600()
    {
        var rows = new List<Transaction> { new("c1", new DateOnly(2024, 1, 5), 100) };
        for (int k = 1; k <= 10; k++)
        {
            rows.Add(new Transaction("c1", new DateOnly(2024, 1, 5).AddDays(14 * k), 50));
        }

        var customers = CustomerSummaries.FromTransactions(rows.ToArray(), End, TimeUnit.Week);

        Assert.Equal(600, HistoricalValue.ForCustomer(customers, 0), 1e-9);
    }

    [Fact]
    public void ForCustomer_MarginRefundsAndCosts_AreAppliedAsDocumented()
    {
        Transaction[] rows =
        [
            new("a", new DateOnly(2024, 3, 1), 200),
            new("a", new DateOnly(2024, 6, 1), 100),
            new("a", new DateOnly(2024, 6, 2), -40),
            new("a", new DateOnly(2025, 2, 1), 1000), // holdout: never counts
        ];
        var customers = CustomerSummaries.FromTransactions(rows, End, TimeUnit.Week);
        var options = new HistoricalValueOptions { MarginRate = 0.3, AcquisitionCost = 20, ServiceCost = 5 };

        // 0.3 x 300 - 40 refunds - 20 - 5
        Assert.Equal(25, HistoricalValue.ForCustomer(customers, 0, options), 1e-9);
    }

    [Fact]
    public void Compute_LastThreeMonths_CountsOnlyCalendarWindowAndIgnoresRefunds()
    {
        Transaction[] rows =
        [
            new("a", new DateOnly(2024, 9, 30), 10), // exactly three months before: outside (window starts the day after)
            new("a", new DateOnly(2024, 10, 1), 20),
            new("a", new DateOnly(2024, 12, 31), 30),
            new("a", new DateOnly(2024, 11, 5), -7),
            new("b", new DateOnly(2024, 1, 1), 500),
        ];
        var customers = CustomerSummaries.FromTransactions(rows, End, TimeUnit.Month);
        var values = HistoricalValue.Compute(customers, new HistoricalValueOptions { Window = HistoricalWindow.LastMonths(3) });
        var since = HistoricalValue.Compute(customers, new HistoricalValueOptions { Window = HistoricalWindow.Since(new DateOnly(2024, 9, 30)) });

        Assert.Equal(50, values[0], 1e-12);
        Assert.Equal(0, values[1], 1e-12);
        Assert.Equal(60, since[0], 1e-12);
        Assert.Equal(53, HistoricalValue.ForCustomer(customers, 0), 1e-12);
    }

    /// <summary>
    /// At a month-end observation end, LastMonths(n) is the last n whole calendar months: from 2024-04-30 one month is April,
    /// and from 1997-09-30 one month is September. Before, the window began the day after AddMonths(-n) (03-30, 08-30), so
    /// a purchase on 03-31 or 08-31 counted as last month's.
    /// </summary>
    [Theory]
    [InlineData(2024, 4, 30, 1, 2024, 4, 1)]
    [InlineData(1997, 9, 30, 1, 1997, 9, 1)]
    [InlineData(2024, 11, 30, 3, 2024, 9, 1)]
    [InlineData(2024, 2, 29, 1, 2024, 2, 1)]
    [InlineData(2023, 2, 28, 12, 2022, 3, 1)]
    [InlineData(1997, 9, 30, 3, 1997, 7, 1)]   // the documented example, unchanged
    [InlineData(2024, 3, 31, 1, 2024, 3, 1)]
    public void Compute_LastMonthsAtAMonthEnd_CountsWholeCalendarMonths(int year, int month, int day, int months, int fy, int fm, int fd)
    {
        var end = new DateOnly(year, month, day);
        var first = new DateOnly(fy, fm, fd);
        Transaction[] rows = [new("a", first.AddDays(-1), 1000), new("a", first, 10), new("a", end, 20)];
        var customers = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Day);

        var value = HistoricalValue.Compute(customers, new HistoricalValueOptions { Window = HistoricalWindow.LastMonths(months) });

        Assert.Equal(30, value[0], 1e-12);
    }

    [Fact]
    public void Compute_LastMonthsMidMonth_StartsTheDayAfterTheSameDayMonthsBefore()
    {
        var end = new DateOnly(2024, 3, 15);
        Transaction[] rows = [new("a", new DateOnly(2024, 2, 15), 1000), new("a", new DateOnly(2024, 2, 16), 10), new("a", end, 20)];
        var customers = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Day);

        Assert.Equal(30, HistoricalValue.Compute(customers, new HistoricalValueOptions { Window = HistoricalWindow.LastMonths(1) })[0], 1e-12);
    }

    /// <summary>
    /// A window reaching back before 0001-01-01 (a long window, or an observation end in year 1) covers every purchase day:
    /// DateOnly.AddMonths threw its own "un-representable" or "Months value" error before.
    /// </summary>
    [Theory]
    [InlineData(30_000, 2024)]
    [InlineData(int.MaxValue, 2024)]
    [InlineData(3, 1)]
    public void Compute_AWindowReachingBeforeYearOne_CoversEveryDay(int months, int year)
    {
        var end = new DateOnly(year, 3, 31);
        Transaction[] rows = [new("a", new DateOnly(year, 1, 1), 10), new("a", end, 20), new("b", new DateOnly(year, 2, 1), 5)];
        var customers = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Day);
        var window = HistoricalValue.Compute(customers, new HistoricalValueOptions { Window = HistoricalWindow.LastMonths(months) });
        Assert.Equal(HistoricalValue.Compute(customers, HistoricalValueOptions.Default), window);
        Assert.Equal([30.0, 5.0], window);
    }

    [Fact]
    public void Compute_CdnowAllTime_EqualsNetCalibrationSpendAndBatchMatchesScalar()
    {
        var customers = TestData.CdnowSummaries();
        var options = new HistoricalValueOptions { MarginRate = 0.25 };
        var values = new double[customers.Count];
        HistoricalValue.Compute(customers, options, values);

        for (int i = 0; i < customers.Count; i += 97)
        {
            Assert.Equal((0.25 * customers[i].Spend) - customers[i].Refunds, values[i], 1e-9);
            Assert.Equal(HistoricalValue.ForCustomer(customers, i, options), values[i]);
        }
    }

    [Fact]
    public void Compute_WindowCoveringEverything_EqualsAllTimeWithoutRefunds()
    {
        var customers = TestData.CdnowSummaries();
        var all = HistoricalValue.Compute(customers, null);
        var window = HistoricalValue.Compute(customers, new HistoricalValueOptions { Window = HistoricalWindow.LastMonths(120) });

        for (int i = 0; i < customers.Count; i++)
        {
            Assert.Equal(all[i] + customers[i].Refunds, window[i], 1e-9);
        }
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Compute_MarginRateOutsideUnitInterval_ThrowsNamingValue(double marginRate)
    {
        var customers = TestData.CdnowSummaries();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => HistoricalValue.Compute(customers, new HistoricalValueOptions { MarginRate = marginRate }));

        Assert.Equal("options.MarginRate", ex.ParamName);
        Assert.Contains("options.MarginRate must be between 0 and 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_BadArguments_Throw()
    {
        var customers = TestData.CdnowSummaries();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => HistoricalValue.Compute(customers, new HistoricalValueOptions { AcquisitionCost = -1 }));
        Assert.Equal("options.AcquisitionCost", ex.ParamName);
        ex = Assert.Throws<ArgumentOutOfRangeException>(() => HistoricalValue.ForCustomer(customers, 0, new HistoricalValueOptions { ServiceCost = double.PositiveInfinity }));
        Assert.Equal("options.ServiceCost", ex.ParamName);
        Assert.Contains("options.ServiceCost must be a finite number of at least 0, but was Infinity.", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => HistoricalValue.ForCustomer(customers, customers.Count));
        Assert.Throws<ArgumentException>(() => HistoricalValue.Compute(customers, null, new double[3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => HistoricalWindow.LastMonths(0));
    }

    [Fact]
    public void Compute_NullOptions_AreTheDocumentedDefault()
    {
        var customers = TestData.CdnowSummaries();
        var d = HistoricalValueOptions.Default;
        Assert.Equal((1.0, 0.0, 0.0, true), (d.MarginRate, d.AcquisitionCost, d.ServiceCost, d.Window.IsAllTime));
        Assert.Equal(HistoricalValue.Compute(customers, d), HistoricalValue.Compute(customers, null));
        Assert.Equal(customers.Select(c => c.NetSpend), HistoricalValue.Compute(customers, null));
    }
}
