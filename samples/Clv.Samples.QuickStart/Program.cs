using System.Globalization;
using Clv;

namespace Clv.Samples.QuickStart;

/// <summary>
/// With no arguments: analyses the CDNOW sample bundled in Data/ (calibration ends 1997-09-30, weeks).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var output = Console.Out;
        var end = new DateOnly(1997, 9, 30);
        var rows = LoadCdnow(Path.Combine(AppContext.BaseDirectory, "Data", "CDNOW_sample.txt"));
        var customers = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Week);
        SummarySection.Print(customers, output);
        return 0;
    }

    private static Transaction[] LoadCdnow(string path)
    {
        var rows = new List<Transaction>();
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 5)
            {
                rows.Add(new Transaction(f[1], DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture)));
            }
        }

        return [.. rows];
    }
}
