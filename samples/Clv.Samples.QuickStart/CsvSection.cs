using System.Globalization;
using Clv;
using Clv.Csv;

namespace Clv.Samples.QuickStart;

/// <summary>Shows the head of the CRM export that <see cref="CustomerSummaryCsv"/> writes for these customers.</summary>
internal static class CsvSection
{
    public static void Print(CustomerSummaries customers, TextWriter output)
    {
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        CustomerSummaryCsv.Write(csv, customers);
        output.WriteLine("== CRM export: CustomerSummaryCsv.Write(\"customers.csv\", customers) ==");
        foreach (var line in csv.ToString().Split("\r\n").Take(4))
        {
            output.WriteLine(line);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"... {customers.Count:N0} rows; recency and age in {customers.TimeUnit}s, empty fields for customers without a purchase."));
        output.WriteLine();
    }
}
