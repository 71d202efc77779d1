using System.Globalization;
using Clv;
using Clv.Valuation;

namespace Clv.Samples.QuickStart;

/// <summary>Prints what customers have been worth so far, and one discounted CLV with its time units.</summary>
internal static class ValuationSection
{
    public static void Print(CustomerSummaries customers, TextWriter output)
    {
        var ic = CultureInfo.InvariantCulture;

        // Historical value: CDNOW amounts are revenue; assume a 30% margin.
        var allTime = HistoricalValue.Compute(customers, new HistoricalValueOptions { MarginRate = 0.3 });
        var lastThreeMonths = HistoricalValue.Compute(customers, new HistoricalValueOptions { MarginRate = 0.3, Window = HistoricalWindow.LastMonths(3) });
        var order = Enumerable.Range(0, customers.Count).OrderByDescending(i => allTime[i]).ThenBy(i => i).Take(5);

        output.WriteLine(string.Create(ic, $"== Historical value to {customers.ObservationEnd:yyyy-MM-dd} (30% margin, net of refunds) =="));
        output.WriteLine("customer   purchase days   revenue   value (all time)   value (last 3 months)");
        foreach (int i in order)
        {
            var c = customers[i];
            output.WriteLine(string.Create(ic, $"{c.CustomerId,-10}{c.PurchaseDays,14}{c.Spend,10:0.00}{allTime[i],19:0.00}{lastThreeMonths[i],24:0.00}"));
        }

        output.WriteLine(string.Create(ic, $"all customers: {allTime.Sum():N2} over {customers.Count:N0} customers"));
        output.WriteLine();

        // Discounted CLV: margin 100 a year, 80% retained each year, 10% a year discount rate.
        var yearly = new RetentionClvOptions { Period = TimeUnit.Year, DiscountRate = DiscountRate.Annual(0.1) };
        double end = RetentionClv.Value(100, 0.8, yearly);
        double start = RetentionClv.Value(100, 0.8, new RetentionClvOptions { Period = TimeUnit.Year, DiscountRate = DiscountRate.Annual(0.1), Timing = MarginTiming.Start });

        // The same annual rate applied to monthly terms: the library compounds it to a monthly rate.
        var monthly = new RetentionClvOptions { Period = TimeUnit.Month, DiscountRate = DiscountRate.Annual(0.1), Horizon = 36 };
        double threeYears = RetentionClv.Value(10, 0.97, monthly);

        output.WriteLine("== Discounted CLV (margin m, retention r and discount rate d per period) ==");
        output.WriteLine(string.Create(ic, $"m 100/year, r 0.8/year, d 10%/year, margin at end of year:   {end,8:0.00}"));
        output.WriteLine(string.Create(ic, $"                                     margin at start of year: {start,8:0.00}"));
        output.WriteLine(string.Create(ic, $"m 10/month, r 0.97/month, 36 months, d 10%/year = {DiscountRate.Annual(0.1).RatePer(TimeUnit.Month):P4}/month: {threeYears,8:0.00}"));
        output.WriteLine();
    }
}
