using System.Diagnostics;
using System.Globalization;
using System.Text;
using Clv.Csv;

namespace Clv.Benchmarks;

/// <summary>
/// Peak memory of a streamed read (<c>TransactionCsv.ReadInto</c> + <c>Build</c>) as rows per customer grow while
/// customers and purchase days stay the same: every customer's rows fall on one day, so the summaries are the same
/// whatever the number of rows (issue 13: 1M customers x 30 rows should cost what 1M x 3 costs).
/// </summary>
/// <remarks>
/// <c>readinto-memory --customers 1000000 --rows-per-customer 30 [--order customer|date]</c>. The file is written
/// to the temporary folder first (not measured); the peak is the process's resident set (VmHWM) from just before
/// the read to just after <c>Build</c>. The last line is <c>peak_mb=&lt;n&gt; read_ms=&lt;n&gt; build_ms=&lt;n&gt; customers=&lt;n&gt; rows=&lt;n&gt;</c>.
/// </remarks>
public static class ReadIntoMemory
{
    public static int Run(string[] args)
    {
        var ic = CultureInfo.InvariantCulture;
        int customers = int.Parse(Value(args, "--customers") ?? "1000000", ic);
        int perCustomer = int.Parse(Value(args, "--rows-per-customer") ?? "3", ic);
        string order = Value(args, "--order") ?? "customer";
        string path = Path.Combine(Path.GetTempPath(), $"clv-readinto-{customers}x{perCustomer}-{order}.csv");
        if (!File.Exists(path))
        {
            Write(path + ".tmp", customers, perCustomer, order == "date");
            File.Move(path + ".tmp", path, overwrite: true);
        }

        PeakMemory.Reset();
        var clock = Stopwatch.StartNew();
        var builder = new CustomerSummariesBuilder(new DateOnly(2024, 12, 31), TimeUnit.Week);
        var report = TransactionCsv.ReadInto(path, builder);
        long readMs = clock.ElapsedMilliseconds;
        var summaries = builder.Build();
        long buildMs = clock.ElapsedMilliseconds - readMs;
        long peak = PeakMemory.Bytes();
        Console.WriteLine(string.Create(ic, $"peak_mb={peak / (1024 * 1024)} read_ms={readMs} build_ms={buildMs} customers={summaries.Count} rows={report.Imported}"));
        GC.KeepAlive(summaries);
        return 0;
    }

    /// <summary>Customer c buys on day c % 365 of 2024, <paramref name="perCustomer"/> rows that day; in customer order, or in date order.</summary>
    private static void Write(string path, int customers, int perCustomer, bool dateOrder)
    {
        var origin = new DateOnly(2024, 1, 1);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("customer_id,date,amount\n");
        var ic = CultureInfo.InvariantCulture;
        void Row(int c, int k) => writer.Write(string.Create(ic, $"C{c:D7},{origin.AddDays(c % 365):yyyy-MM-dd},{(c % 97) + k}.25\n"));
        if (!dateOrder)
        {
            for (int c = 0; c < customers; c++)
            {
                for (int k = 0; k < perCustomer; k++)
                {
                    Row(c, k);
                }
            }

            return;
        }

        for (int day = 0; day < 365; day++)
        {
            for (int k = 0; k < perCustomer; k++)
            {
                for (int c = day; c < customers; c += 365)
                {
                    Row(c, k);
                }
            }
        }
    }

    private static string? Value(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
