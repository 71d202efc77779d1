using System.Globalization;
using Clv.Csv;
using Clv.Parquet;

namespace Clv.Tool;

/// <summary>The transaction log of a command, resolved from its options.</summary>
internal sealed record Input(string Path, bool IsParquet, DateOnly ObservationEnd, DateOnly? HoldoutEnd, TimeUnit Unit, TimeZoneInfo? TimeZone, LogSettings Settings)
{
    /// <summary>The log's rows as summaries, with what was read and rejected.</summary>
    internal sealed record Loaded(CustomerSummaries Customers, long RowsRead, IReadOnlyList<RejectedRow> Rejected);

    public static Input Resolve(LogSettings s, TimeUnit? savedUnit)
    {
        if (string.IsNullOrWhiteSpace(s.Log))
        {
            throw ToolException.Usage("The transaction log path is empty.");
        }

        var end = Date("--observation-end", s.ObservationEnd ?? throw ToolException.Usage("--observation-end is required: the last day of the calibration period, as yyyy-MM-dd."));
        DateOnly? holdout = s.HoldoutEnd is null ? null : Date("--holdout-end", s.HoldoutEnd);
        if (holdout is { } h && h <= end)
        {
            throw ToolException.Usage(Format($"--holdout-end ({h:yyyy-MM-dd}) must be after --observation-end ({end:yyyy-MM-dd})."));
        }

        TimeUnit unit = s.Unit is null ? savedUnit ?? TimeUnit.Week : ParseUnit("--unit", s.Unit);
        if (savedUnit is { } saved && unit != saved)
        {
            throw ToolException.Usage(Format($"--unit {s.Unit} differs from the saved models' unit ({saved.ToString().ToLowerInvariant()}): leave --unit out, or refit the models in {s.Unit}s."));
        }

        TimeZoneInfo? zone = null;
        if (s.TimeZone is not null)
        {
            try
            {
                zone = TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone);
            }
            catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
            {
                throw ToolException.Usage($"--time-zone '{s.TimeZone}' is not a time zone this machine knows (use an IANA id such as Asia/Shanghai).");
            }
        }

        _ = Delimiter(s.Delimiter);
        if (s.Whitespace && s.Delimiter != ",")
        {
            throw ToolException.Usage($"--whitespace and --delimiter '{s.Delimiter}' cannot be combined: fields are split either by runs of spaces and tabs or by one delimiter.");
        }

        if (s.NoHeader && (s.IdIndex is null || s.DateIndex is null || s.AmountIndex is null))
        {
            throw ToolException.Usage("--no-header needs --id-index, --date-index and --amount-index: without a header the columns have no names.");
        }

        bool parquet = System.IO.Path.GetExtension(s.Log).Equals(".parquet", StringComparison.OrdinalIgnoreCase);
        if (parquet && CsvOnly(s) is { } csvOption)
        {
            throw ToolException.Usage($"{csvOption} applies to CSV logs only: a Parquet log's columns are chosen by name (--id-column, --date-column, --amount-column, --quantity-column).");
        }
        if (!parquet && zone is not null && !Clv.Shared.DateFormats.HasOffset(s.DateFormat))
        {
            // The CSV reader counts a time without an offset on its date as written: the zone would silently change nothing.
            throw ToolException.Usage($"--time-zone {s.TimeZone} has no effect on a CSV log whose --date-format '{s.DateFormat}' holds no offset: each row counts on its date as written. Leave --time-zone out, or give the offset in the format (zzz or K, as in yyyy-MM-ddTHH:mm:sszzz) if the times carry one.");
        }

        return new Input(System.IO.Path.GetFullPath(s.Log), parquet, end, holdout, unit, zone, s);
    }

    /// <summary>The first option given that only a CSV log has a use for (a Parquet log would silently ignore it), or null.</summary>
    private static string? CsvOnly(LogSettings s) =>
        s.IdIndex is not null ? "--id-index"
        : s.DateIndex is not null ? "--date-index"
        : s.AmountIndex is not null ? "--amount-index"
        : s.QuantityIndex is not null ? "--quantity-index"
        : s.NoHeader ? "--no-header"
        : s.Whitespace ? "--whitespace"
        : s.Delimiter != "," ? "--delimiter"
        : null;

    public static DateOnly Date(string option, string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw ToolException.Usage($"{option} must be a date as yyyy-MM-dd, but was '{text}'.");

    public static TimeUnit ParseUnit(string option, string text) => text.ToLowerInvariant() switch
    {
        "day" or "days" => TimeUnit.Day,
        "week" or "weeks" => TimeUnit.Week,
        "month" or "months" => TimeUnit.Month,
        "year" or "years" => TimeUnit.Year,
        _ => throw ToolException.Usage($"{option} must be day, week, month or year, but was '{text}'."),
    };

    private static char Delimiter(string text) => text switch
    {
        "tab" or "\\t" => '\t',
        { Length: 1 } => text[0],
        _ => throw ToolException.Usage($"--delimiter must be one character or 'tab', but was '{text}'."),
    };

    /// <summary>Reads the log into summaries, streamed (the rows are never held), reporting the share of the file read.</summary>
    public Loaded Load(Action<double> report, CancellationToken cancellation)
    {
        var builder = new CustomerSummariesBuilder(ObservationEnd, Unit, HoldoutEnd);
        FileStream file;
        try
        {
            file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw ToolException.BadInput($"The log file '{Path}' does not exist.", Path, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw ToolException.BadInput($"The log file '{Path}' cannot be opened: {ex.Message}", Path, ex);
        }

        using var counted = new CountingStream(file);
        var progress = new FileProgress(counted, report);
        try
        {
            if (IsParquet)
            {
                var options = new TransactionParquetOptions
                {
                    CustomerIdColumn = Settings.IdColumn,
                    DateColumn = Settings.DateColumn,
                    AmountColumn = Settings.AmountColumn,
                    QuantityColumn = Settings.QuantityColumn,
                    DateFormat = Settings.DateFormat,
                    TimeZone = TimeZone,
                    Mode = Settings.Lenient ? ParquetReadMode.Lenient : ParquetReadMode.Strict,
                    Progress = progress,
                    CancellationToken = cancellation,
                };
                var read = TransactionParquet.ReadInto(counted, builder, options);
                return new Loaded(Build(builder), read.RowsRead, read.Rejected);
            }
            else
            {
                var options = new TransactionCsvOptions
                {
                    CustomerIdColumn = Settings.IdColumn,
                    DateColumn = Settings.DateColumn,
                    AmountColumn = Settings.AmountColumn,
                    DateFormat = Settings.DateFormat,
                    Delimiter = Delimiter(Settings.Delimiter),
                    WhitespaceDelimited = Settings.Whitespace,
                    HasHeader = !Settings.NoHeader,
                    CustomerIdIndex = Settings.IdIndex,
                    DateIndex = Settings.DateIndex,
                    AmountIndex = Settings.AmountIndex,
                    QuantityColumn = Settings.QuantityColumn,
                    QuantityIndex = Settings.QuantityIndex,
                    TimeZone = TimeZone,
                    Mode = Settings.Lenient ? CsvReadMode.Lenient : CsvReadMode.Strict,
                    Progress = progress,
                    CancellationToken = cancellation,
                };
                var read = TransactionCsv.ReadInto(counted, builder, options);
                return new Loaded(Build(builder), read.RowsRead, read.Rejected);
            }
        }
        catch (CsvFormatException ex)
        {
            throw new ToolException(ExitCode.BadInput, "bad_input", Format($"{Path}, line {ex.LineNumber}{ColumnText(ex.Column)}: {ex.Reason} Value: '{ex.RawText}'."), ex)
            {
                File = Path,
                Row = ex.LineNumber,
                Column = ex.Column,
            };
        }
        catch (ParquetFormatException ex)
        {
            // Row 0 is the file as a whole (a missing column, a spoilt footer): no row and no value to show.
            string where = ex.RowNumber > 0 ? Format($"{Path}, row {ex.RowNumber}{ColumnText(ex.Column)}: {ex.Reason} Value: '{ex.RawText}'.") : $"{Path}{ColumnText(ex.Column)}: {ex.Reason}";
            throw new ToolException(ExitCode.BadInput, "bad_input", where, ex)
            {
                File = Path,
                Row = ex.RowNumber,
                Column = ex.Column,
            };
        }
        catch (ArgumentException ex) when (ex.ParamName?.StartsWith("options.", StringComparison.Ordinal) == true)
        {
            // The reader refused the options the command line made (an empty date format, a quote as delimiter, a negative
            // or repeated column index): a usage error, in the command line's words.
            throw ToolException.Usage(InOptionNames(ex.Message.Split(" (Parameter", 2)[0]));
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or IOException)
        {
            throw ToolException.BadInput($"{Path}: {ex.Message}", Path, ex);
        }
    }

    /// <summary>
    /// The summaries, or bad input when the log has rows but none on or before <c>--observation-end</c> (the library's message
    /// gives the log's date range; that used to stop as an unexpected failure) or a customer's amounts sum past the largest double.
    /// </summary>
    private CustomerSummaries Build(CustomerSummariesBuilder builder)
    {
        try
        {
            return builder.Build();
        }
        catch (ArgumentException ex) when (ex.ParamName == "observationEnd")
        {
            throw ToolException.BadInput($"{Path}: {ex.Message.Split(" (Parameter", 2)[0]}", Path, ex);
        }
        catch (OverflowException ex)
        {
            // A customer's amounts sum past the largest double (a misread or mis-scaled amount column): the input's fault.
            throw ToolException.BadInput($"{Path}: {ex.Message}", Path, ex);
        }
    }

    /// <summary>The reader options' names in a message replaced by the command-line options that set them.</summary>
    internal static string InOptionNames(string message)
    {
        foreach (var (name, option) in OptionNames)
        {
            message = message.Replace(name, option, StringComparison.Ordinal);
        }

        return message;
    }

    private static readonly (string Name, string Option)[] OptionNames =
    [
        ("options.CustomerIdColumn", "--id-column"),
        ("options.DateColumn", "--date-column"),
        ("options.AmountColumn", "--amount-column"),
        ("options.CustomerIdIndex", "--id-index"),
        ("options.DateIndex", "--date-index"),
        ("options.AmountIndex", "--amount-index"),
        ("options.QuantityColumn", "--quantity-column"),
        ("options.QuantityIndex", "--quantity-index"),
        ("options.DateFormat", "--date-format"),
        ("options.Delimiter", "--delimiter"),
        ("options.WhitespaceDelimited", "--whitespace"),
        ("options.HasHeader = false", "--no-header"),
        ("options.HasHeader", "--no-header"),
        ("options.TimeZone", "--time-zone"),
    ];

    private static string ColumnText(string? column) => column is null ? "" : $", column '{column}'";

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reports the share of the file's bytes read so far, each time the reader reports rows.</summary>
    private sealed class FileProgress(CountingStream stream, Action<double> report) : IProgress<long>
    {
        public void Report(long value) => report(stream.Length > 0 ? (double)stream.BytesRead / stream.Length : 1.0);
    }
}
