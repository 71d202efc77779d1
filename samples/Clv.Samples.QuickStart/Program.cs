using System.Globalization;
using Clv;
using Clv.Csv;

namespace Clv.Samples.QuickStart;

/// <summary>
/// With no arguments: analyses the CDNOW sample bundled in Data/ (calibration ends 1997-09-30, weeks).
/// With a path: analyses your own file. Run with --help for the options.
/// </summary>
public static class Program
{
    private const string Usage = """
        Usage: dotnet run --project samples/Clv.Samples.QuickStart -- [path] [options]

        Without a path, analyses the bundled CDNOW sample (calibration ends 1997-09-30, weeks).
        Options for your own file (defaults in brackets):
          --id-column NAME | --id-index N          customer id column [customer_id]
          --date-column NAME | --date-index N      date column [date]
          --amount-column NAME | --amount-index N  amount column [amount]
          --date-format FORMAT                     exact date format [yyyy-MM-dd]
          --delimiter C                            field delimiter [,]; 'tab' for a tab
          --whitespace                             fields separated by runs of spaces/tabs
          --no-header                              the file has no header (then use the --*-index options)
          --culture NAME                           culture of amounts, e.g. de-DE [invariant]
          --lenient                                skip bad rows and report them instead of stopping
          --observation-end YYYY-MM-DD             calibration end [the latest date in the file]
          --unit day|week|month|year               time unit of recency and age [week]
          --output DIR                             folder for the HTML report and the plots [clv-output]
        """;

    /// <summary>How the bundled CDNOW sample is laid out: whitespace separated, no header, customer = sample_id.</summary>
    private static readonly TransactionCsvOptions Cdnow = new()
    {
        WhitespaceDelimited = true,
        HasHeader = false,
        CustomerIdIndex = 1,
        DateIndex = 2,
        DateFormat = "yyyyMMdd",
        AmountIndex = 4,
    };

    public static int Main(string[] args)
    {
        try
        {
            return Run(args, Console.Out);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or InvalidOperationException)
        {
            Console.Error.WriteLine("error: " + ex.Message);
            return 1;
        }
    }

    private static int Run(string[] args, TextWriter output)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            output.WriteLine(Usage);
            return 0;
        }

        var o = new Dictionary<string, string>(StringComparer.Ordinal);
        string? path = null;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                path = path is null ? a : throw new ArgumentException($"Only one input path is allowed; got '{path}' and '{a}'.");
            }
            else if (a is "--whitespace" or "--no-header" or "--lenient")
            {
                o[a] = "true";
            }
            else
            {
                o[a] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {a} needs a value.");
            }
        }

        var ic = CultureInfo.InvariantCulture;
        TransactionCsvOptions options;
        DateOnly? end;
        TimeUnit unit = o.TryGetValue("--unit", out var u) ? Enum.Parse<TimeUnit>(u, ignoreCase: true) : TimeUnit.Week;
        if (path is null)
        {
            path = Path.Combine(AppContext.BaseDirectory, "Data", "CDNOW_sample.txt");
            options = Cdnow;
            end = new DateOnly(1997, 9, 30);
            output.WriteLine("Analysing the bundled CDNOW sample (pass a path to analyse your own file; --help for options).");
        }
        else
        {
            int? Index(string key) => o.TryGetValue(key, out var v) ? int.Parse(v, ic) : null;
            options = new TransactionCsvOptions
            {
                CustomerIdColumn = o.GetValueOrDefault("--id-column", "customer_id"),
                DateColumn = o.GetValueOrDefault("--date-column", "date"),
                AmountColumn = o.GetValueOrDefault("--amount-column", "amount"),
                CustomerIdIndex = Index("--id-index"),
                DateIndex = Index("--date-index"),
                AmountIndex = Index("--amount-index"),
                DateFormat = o.GetValueOrDefault("--date-format", "yyyy-MM-dd"),
                Delimiter = o.GetValueOrDefault("--delimiter", ",") switch
                {
                    "tab" => '\t',
                    { Length: 1 } d => d[0],
                    var d => throw new ArgumentException($"--delimiter takes one character or 'tab', not '{d}'."),
                },
                WhitespaceDelimited = o.ContainsKey("--whitespace"),
                HasHeader = !o.ContainsKey("--no-header"),
                Culture = o.TryGetValue("--culture", out var c) ? CultureInfo.GetCultureInfo(c) : CultureInfo.InvariantCulture,
                Mode = o.ContainsKey("--lenient") ? CsvReadMode.Lenient : CsvReadMode.Strict,
            };
            end = o.TryGetValue("--observation-end", out var e) ? DateOnly.ParseExact(e, "yyyy-MM-dd", ic) : null;
            output.WriteLine($"Analysing {path}.");
        }

        TransactionLog log = TransactionCsv.Read(path, options);
        if (log.Rejected.Count > 0)
        {
            output.WriteLine(string.Create(ic, $"{log.Rejected.Count:N0} of {log.RowsRead:N0} rows were rejected; the first few:"));
            foreach (var r in log.Rejected.Take(5))
            {
                output.WriteLine(string.Create(ic, $"  line {r.LineNumber}, column {r.Column}: {r.Reason} ('{r.RawText}')"));
            }
        }

        if (log.Count == 0)
        {
            output.WriteLine("The file has no transactions.");
            return 0;
        }

        DateOnly observationEnd = end ?? LatestDate(log.Transactions);
        var customers = CustomerSummaries.FromTransactions(log.Transactions, observationEnd, unit);
        output.WriteLine();
        SummarySection.Print(customers, output);
        RfmSection.Print(customers, output);
        LifecycleSection.Print(customers, output);
        ValuationSection.Print(customers, output);
        ProbabilisticSection.Print(customers, output);
        CsvSection.Print(customers, output);
        PlotsSection.Print(customers, o.GetValueOrDefault("--output", "clv-output"), output);
        return 0;
    }

    private static DateOnly LatestDate(ReadOnlySpan<Transaction> rows)
    {
        var latest = DateOnly.MinValue;
        foreach (ref readonly var t in rows)
        {
            latest = t.Date > latest ? t.Date : latest;
        }

        return latest;
    }
}
