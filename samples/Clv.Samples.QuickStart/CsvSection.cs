using System.Globalization;
using Clv;
using Clv.Csv;

namespace Clv.Samples.QuickStart;

/// <summary>
/// Reading the input (the bundled CDNOW sample, or a user file described on the command line) and showing what the
/// reader did, plus the first lines of the CRM export.
/// </summary>
internal static class CsvSection
{
    public const string Usage =
        "usage: Clv.Samples.QuickStart [--path file] [--id-column name | --id-index i] [--date-column name | --date-index i]\n" +
        "         [--amount-column name | --amount-index i] [--no-header] [--delimiter , | ; | tab | whitespace]\n" +
        "         [--date-format yyyy-MM-dd] [--culture de-DE] [--lenient] [--observation-end yyyy-MM-dd] [--unit day|week|month|year]\n" +
        "With no --path: the bundled CDNOW sample (whitespace separated, no header, ids in field 1, yyyyMMdd dates in field 2,\n" +
        "amounts in field 4), observation end 1997-09-30, weeks.";

    /// <summary>What to read and how to summarise it.</summary>
    public sealed record Input(string Path, TransactionCsvOptions Options, DateOnly ObservationEnd, TimeUnit Unit);

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a plain message on a bad argument.</summary>
    public static Input ParseArgs(string[] args)
    {
        var ic = CultureInfo.InvariantCulture;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        string[] valued = ["--path", "--id-column", "--date-column", "--amount-column", "--id-index", "--date-index", "--amount-index",
            "--delimiter", "--date-format", "--culture", "--observation-end", "--unit"];
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is "--no-header" or "--lenient")
            {
                flags.Add(args[i]);
            }
            else if (Array.IndexOf(valued, args[i]) >= 0 && i + 1 < args.Length)
            {
                values[args[i]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"Unknown or incomplete argument '{args[i]}'.\n{Usage}");
            }
        }

        if (!values.TryGetValue("--path", out var path))
        {
            var cdnow = new TransactionCsvOptions
            {
                WhitespaceDelimited = true,
                HasHeader = false,
                CustomerIdIndex = 1,
                DateIndex = 2,
                DateFormat = "yyyyMMdd",
                AmountIndex = 4,
            };
            return new Input(Path.Combine(AppContext.BaseDirectory, "Data", "CDNOW_sample.txt"), cdnow, new DateOnly(1997, 9, 30), TimeUnit.Week);
        }

        string delimiter = values.GetValueOrDefault("--delimiter", ",");
        var defaults = new TransactionCsvOptions();
        var options = new TransactionCsvOptions
        {
            CustomerIdColumn = values.GetValueOrDefault("--id-column", defaults.CustomerIdColumn),
            DateColumn = values.GetValueOrDefault("--date-column", defaults.DateColumn),
            AmountColumn = values.GetValueOrDefault("--amount-column", defaults.AmountColumn),
            CustomerIdIndex = Index("--id-index"),
            DateIndex = Index("--date-index"),
            AmountIndex = Index("--amount-index"),
            HasHeader = !flags.Contains("--no-header"),
            WhitespaceDelimited = delimiter == "whitespace",
            Delimiter = delimiter switch
            {
                "tab" or "\\t" => '\t',
                "whitespace" => defaults.Delimiter,
                { Length: 1 } d => d[0],
                _ => throw new ArgumentException($"--delimiter must be one character, 'tab' or 'whitespace', not '{delimiter}'."),
            },
            DateFormat = values.GetValueOrDefault("--date-format", defaults.DateFormat),
            Culture = values.TryGetValue("--culture", out var culture) ? CultureInfo.GetCultureInfo(culture) : CultureInfo.InvariantCulture,
            Mode = flags.Contains("--lenient") ? CsvReadMode.Lenient : CsvReadMode.Strict,
        };
        if (!values.TryGetValue("--observation-end", out var endText)
            || !DateOnly.TryParseExact(endText, "yyyy-MM-dd", ic, DateTimeStyles.None, out var end))
        {
            throw new ArgumentException("--observation-end yyyy-MM-dd is required with --path (the calibration period's last day).");
        }

        var unit = values.GetValueOrDefault("--unit", "week") switch
        {
            "day" => TimeUnit.Day,
            "week" => TimeUnit.Week,
            "month" => TimeUnit.Month,
            "year" => TimeUnit.Year,
            var u => throw new ArgumentException($"--unit must be day, week, month or year, not '{u}'."),
        };
        return new Input(path, options, end, unit);

        int? Index(string name) =>
            !values.TryGetValue(name, out var text) ? null
            : int.TryParse(text, NumberStyles.None, ic, out int i) ? i
            : throw new ArgumentException($"{name} must be a 0-based column number, not '{text}'.");
    }

    /// <summary>Rows read, imported and rejected (with the first rejections), and the head of the CRM export.</summary>
    public static void Print(TransactionLog log, CustomerSummaries customers, TextWriter output)
    {
        var ic = CultureInfo.InvariantCulture;
        output.WriteLine("== Import and export (Clv.Csv) ==");
        output.WriteLine(string.Create(ic, $"rows read              {log.RowsRead,10:N0}"));
        output.WriteLine(string.Create(ic, $"  imported             {log.Count,10:N0}"));
        output.WriteLine(string.Create(ic, $"  rejected             {log.Rejected.Count,10:N0}"));
        foreach (var r in log.Rejected.Take(5))
        {
            output.WriteLine(string.Create(ic, $"    line {r.LineNumber}, column {r.Column ?? "(row)"}: {r.Reason} '{r.RawText}'"));
        }

        var csv = new StringWriter(ic);
        CustomerSummaryCsv.Write(csv, customers);
        output.WriteLine("CustomerSummaryCsv.Write (first 3 lines):");
        foreach (var line in csv.ToString().Split("\r\n").Take(3))
        {
            output.WriteLine("  " + line);
        }

        output.WriteLine();
    }
}
