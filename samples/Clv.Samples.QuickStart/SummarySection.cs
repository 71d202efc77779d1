using System.Globalization;
using Clv;

namespace Clv.Samples.QuickStart;

/// <summary>Prints what a user wants to see first: customers, transactions, repeat buyers, a few summaries.</summary>
internal static class SummarySection
{
    public static void Print(CustomerSummaries customers, TextWriter output)
    {
        var ic = CultureInfo.InvariantCulture;
        int repeat = 0;
        foreach (ref readonly var c in customers.AsSpan())
        {
            repeat += c.Frequency > 0 ? 1 : 0;
        }

        output.WriteLine(string.Create(ic, $"== Customers at {customers.ObservationEnd:yyyy-MM-dd} (time unit: {customers.TimeUnit}) =="));
        output.WriteLine(string.Create(ic, $"transactions read      {customers.TransactionCount,10:N0}"));
        output.WriteLine(string.Create(ic, $"  calibration rows     {customers.CalibrationTransactionCount,10:N0}"));
        output.WriteLine(string.Create(ic, $"  holdout rows         {customers.HoldoutTransactionCount,10:N0}  (to {customers.HoldoutEnd:yyyy-MM-dd}, {customers.HoldoutLength:0.##} {customers.TimeUnit}s)"));
        output.WriteLine(string.Create(ic, $"customers              {customers.Count,10:N0}"));
        output.WriteLine(string.Create(ic, $"  repeat buyers (x>0)  {repeat,10:N0}"));
        output.WriteLine();
        output.WriteLine("customer        x      t_x        T   monetary   total spend  holdout x*");
        for (int i = 0; i < Math.Min(5, customers.Count); i++)
        {
            var c = customers[i];
            output.WriteLine(string.Create(ic, $"{c.CustomerId,-10}{c.Frequency,6}{c.Recency,9:0.00}{c.Age,9:0.00}{c.MonetaryValue,11:0.00}{c.Spend,14:0.00}{c.HoldoutPurchaseDays,12}"));
        }

        output.WriteLine();
    }
}
