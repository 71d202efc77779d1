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
        Options for any run, the bundled sample too:
          --observation-end YYYY-MM-DD             calibration end [the latest date in your file; 1997-09-30 for CDNOW]
          --unit day|week|month|year               time unit of recency and age [week]
          --output DIR                             folder for the HTML report and the plots [clv-output]
        An unknown option, or a value that does not parse, stops the run with an error naming it.
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

    /// <summary>The options that take a value, and the flags.</summary>
    private static readonly string[] ValueOptions =
        ["--id-column", "--id-index", "--date-column", "--date-index", "--amount-column", "--amount-index", "--date-format", "--delimiter", "--culture", "--observation-end", "--unit", "--output"];

    private static readonly string[] Flags = ["--whitespace", "--no-header", "--lenient"];

    /// <summary>The options that also apply to the bundled sample; the others describe the layout of your own file.</summary>
    private static readonly string[] RunOptions = ["--observation-end", "--unit", "--output"];

    /// <summary>
    /// Runs the analysis. A wrong command line (an unknown option, a value that does not parse, a layout option without a
    /// file) throws <see cref="ArgumentException"/> naming the option and the value, rather than being ignored.
    /// </summary>
    public static int Run(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
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
            else if (Flags.Contains(a))
            {
                o[a] = "true";
            }
            else if (ValueOptions.Contains(a))
            {
                o[a] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {a} needs a value.");
            }
            else
            {
                throw new ArgumentException($"Unknown option '{a}'. Run with --help for the options.");
            }
        }

        var ic = CultureInfo.InvariantCulture;
        TransactionCsvOptions options;
        TimeUnit unit = o.TryGetValue("--unit", out var u) ? ParseUnit(u) : TimeUnit.Week;
        DateOnly? end = o.TryGetValue("--observation-end", out var e)
            ? DateOnly.TryParseExact(e, "yyyy-MM-dd", ic, DateTimeStyles.None, out var day) ? day : throw new ArgumentException($"--observation-end must be a date as yyyy-MM-dd, not '{e}'.")
            : null;
        if (path is null)
        {
            string? layout = o.Keys.FirstOrDefault(k => !RunOptions.Contains(k));
            if (layout is not null)
            {
                throw new ArgumentException($"{layout} describes your own file: give its path first (without a path the bundled CDNOW sample is read with its own layout).");
            }

            path = Path.Combine(AppContext.BaseDirectory, "Data", "CDNOW_sample.txt");
            options = Cdnow;
            end ??= new DateOnly(1997, 9, 30);
            output.WriteLine("Analysing the bundled CDNOW sample (pass a path to analyse your own file; --help for options).");
        }
        else
        {
            int? Index(string key) => !o.TryGetValue(key, out var v) ? null
                : int.TryParse(v, NumberStyles.None, ic, out int n) ? n : throw new ArgumentException($"{key} must be a 0-based column number, not '{v}'.");
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
                Culture = o.TryGetValue("--culture", out var c) ? ParseCulture(c) : CultureInfo.InvariantCulture,
                Mode = o.ContainsKey("--lenient") ? CsvReadMode.Lenient : CsvReadMode.Strict,
            };
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

    private static TimeUnit ParseUnit(string text) =>
        Enum.GetNames<TimeUnit>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<TimeUnit>(name)
            : throw new ArgumentException($"--unit must be day, week, month or year, not '{text}'.");

    private static CultureInfo ParseCulture(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            throw new ArgumentException($"--culture must be a culture name such as de-DE, not '{name}'.");
        }
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
