using System.Globalization;
using Clv.Parquet.Internal;
using Parquet;
using Parquet.Schema;

namespace Clv.Parquet;

/// <summary>
/// Writes customer summaries as Parquet for a data pipeline or a CRM import, one row per customer with the columns (and
/// names) of the CSV writer, and reads them back exactly.
/// </summary>
/// <remarks>
/// <para>Columns: <c>customer_id</c> (STRING), <c>first_purchase</c> and <c>last_purchase</c> (DATE, null without a
/// purchase), <c>purchase_days</c> and <c>frequency</c> (INT32), <c>recency</c> and <c>age</c> (DOUBLE, in the unit
/// named by <c>time_unit</c>), <c>time_unit</c> (STRING: Day, Week, Month or Year), <c>days_since_last_purchase</c>
/// (INT32, null without a purchase), <c>spend</c>, <c>refunds</c>, <c>monetary_value</c> (DOUBLE),
/// <c>holdout_purchase_days</c> (INT32) and <c>holdout_spend</c> (DOUBLE). Doubles are stored as they are, so a file
/// read back gives the same summaries bit for bit.</para>
/// <para>Reading takes the columns by name (exactly, else ignoring case) in any order, each of the type written
/// (<c>frequency</c> may be absent; when present it must be <c>purchase_days</c> - 1, or 0 without a purchase day), and
/// rebuilds each row with <see cref="CustomerSummary.Create"/>. A bad row is a null where none is allowed, an unknown
/// unit, a frequency that does not match, a value <see cref="CustomerSummary.Create"/> refuses (negative, NaN or
/// infinite, or fields that contradict each other such as a recency above the age), or a customer id already read in an
/// earlier row; the first failing check names the column. Rows are numbered from 1 across the whole file (row groups do
/// not restart the count). <see cref="Read(string)"/> is strict: the first bad row throws
/// <see cref="ParquetFormatException"/> naming the file, row and column. <see cref="ReadInto(string, ICollection{CustomerSummary}, CustomerSummaryParquetOptions?)"/>
/// with <see cref="ParquetReadMode.Lenient"/> collects bad rows in its report (row, column, value, reason) and returns
/// the good ones.</para>
/// </remarks>
public static class CustomerSummaryParquet
{
    /// <summary>The columns written, in order (the CSV writer's header).</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "customer_id", "first_purchase", "last_purchase", "purchase_days", "frequency", "recency", "age", "time_unit",
        "days_since_last_purchase", "spend", "refunds", "monetary_value", "holdout_purchase_days", "holdout_spend",
    ];

    /// <summary>Writes the summaries to a file, through a temporary file moved over <paramref name="path"/> when complete.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="summaries">The summaries.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="summaries"/> is null.</exception>
    public static void Write(string path, CustomerSummaries summaries)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(summaries);
        Table(summaries.AsSpan()).WriteTo(path);
    }

    /// <summary>Writes the summaries to a stream (writable and seekable; left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="summaries">The summaries.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="summaries"/> is null.</exception>
    public static void Write(Stream stream, CustomerSummaries summaries)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(summaries);
        Table(summaries.AsSpan()).WriteTo(stream);
    }

    /// <summary>Reads summaries written by <see cref="Write(string, CustomerSummaries)"/> (or any file with the same columns and types), strictly.</summary>
    /// <param name="path">The file.</param>
    /// <returns>One summary per row, in file order, for the batch members that take a span of summaries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ParquetFormatException">Not a Parquet file, a column missing or of another type, or a bad row (the message names file, row and column).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CustomerSummary[] Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var summaries = new List<CustomerSummary>();
        using var stream = ParquetFile.OpenRead(path);
        Read(stream, path, CustomerSummaryParquetOptions.Default, summaries);
        return [.. summaries];
    }

    /// <summary>Reads summaries from a stream (readable and seekable; left open), strictly.</summary>
    /// <param name="stream">The source.</param>
    /// <returns>One summary per row, in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot seek.</exception>
    /// <exception cref="ParquetFormatException">Not a Parquet file, a column missing or of another type, or a bad row (the message names row and column).</exception>
    public static CustomerSummary[] Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var summaries = new List<CustomerSummary>();
        Read(stream, null, CustomerSummaryParquetOptions.Default, summaries);
        return [.. summaries];
    }

    /// <summary>
    /// Reads summaries from a file into <paramref name="destination"/>, strictly or leniently: in lenient mode every bad row
    /// is skipped and listed in the report with its row number (from 1 across row groups), column, value and reason, and
    /// every good row is added, so nothing is dropped silently (<see cref="ParquetReadReport.RowsRead"/> is the file's row count).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="destination">Receives each good row's summary, in file order (for example a <see cref="List{T}"/>).</param>
    /// <param name="options">The mode; null for <see cref="CustomerSummaryParquetOptions.Default"/> (strict).</param>
    /// <returns>Rows imported, rows rejected (lenient mode) and row groups read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="options"/> has an undefined mode (the message names <c>options.Mode</c>).</exception>
    /// <exception cref="ParquetFormatException">A file-level problem (not a Parquet file, a column missing or of another type), or (strict mode) the first bad row, naming file, row and column; rows before it were already added.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ParquetReadReport ReadInto(string path, ICollection<CustomerSummary> destination, CustomerSummaryParquetOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(destination);
        options = Checked(options);
        using var stream = ParquetFile.OpenRead(path);
        return Read(stream, path, options, destination);
    }

    /// <summary>Reads summaries from a stream (readable and seekable; left open) into <paramref name="destination"/>, as <see cref="ReadInto(string, ICollection{CustomerSummary}, CustomerSummaryParquetOptions?)"/> does from a file.</summary>
    /// <param name="stream">The source.</param>
    /// <param name="destination">Receives each good row's summary, in file order.</param>
    /// <param name="options">The mode; null for <see cref="CustomerSummaryParquetOptions.Default"/> (strict).</param>
    /// <returns>Rows imported, rows rejected (lenient mode) and row groups read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot seek.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="options"/> has an undefined mode (the message names <c>options.Mode</c>).</exception>
    /// <exception cref="ParquetFormatException">A file-level problem, or (strict mode) the first bad row, naming row and column; rows before it were already added.</exception>
    public static ParquetReadReport ReadInto(Stream stream, ICollection<CustomerSummary> destination, CustomerSummaryParquetOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(destination);
        return Read(stream, null, Checked(options), destination);
    }

    /// <summary>The table of the summaries, in row groups of <paramref name="rowGroupRows"/> rows (tests make them small).</summary>
    internal static ParquetTable Table(ReadOnlySpan<CustomerSummary> summaries, int rowGroupRows = ParquetTable.DefaultRowGroupRows)
    {
        int n = summaries.Length;
        var ids = new string[n];
        var first = new DateOnly?[n];
        var last = new DateOnly?[n];
        var purchaseDays = new int[n];
        var frequency = new int[n];
        var recency = new double[n];
        var age = new double[n];
        var units = new string[n];
        var quiet = new int?[n];
        var spend = new double[n];
        var refunds = new double[n];
        var monetary = new double[n];
        var holdoutDays = new int[n];
        var holdoutSpend = new double[n];
        for (int i = 0; i < n; i++)
        {
            ref readonly var s = ref summaries[i];
            ids[i] = s.CustomerId;
            first[i] = s.FirstPurchase;
            last[i] = s.LastPurchase;
            purchaseDays[i] = s.PurchaseDays;
            frequency[i] = s.Frequency;
            recency[i] = s.Recency;
            age[i] = s.Age;
            units[i] = UnitName(s.TimeUnit);
            quiet[i] = s.DaysSinceLastPurchase;
            spend[i] = s.Spend;
            refunds[i] = s.Refunds;
            monetary[i] = s.MonetaryValue;
            holdoutDays[i] = s.HoldoutPurchaseDays;
            holdoutSpend[i] = s.HoldoutSpend;
        }

        return new ParquetTable(n) { RowGroupRows = rowGroupRows }
            .Add(Columns[0], ids).Add(Columns[1], first).Add(Columns[2], last).Add(Columns[3], purchaseDays)
            .Add(Columns[4], frequency).Add(Columns[5], recency).Add(Columns[6], age).Add(Columns[7], units)
            .Add(Columns[8], quiet).Add(Columns[9], spend).Add(Columns[10], refunds).Add(Columns[11], monetary)
            .Add(Columns[12], holdoutDays).Add(Columns[13], holdoutSpend);
    }

    private static string UnitName(TimeUnit unit) => unit switch
    {
        TimeUnit.Day => "Day",
        TimeUnit.Week => "Week",
        TimeUnit.Month => "Month",
        _ => "Year",
    };

    private static CustomerSummaryParquetOptions Checked(CustomerSummaryParquetOptions? options)
    {
        options ??= CustomerSummaryParquetOptions.Default;
        options.Validate();
        return options;
    }

    private static ParquetReadReport Read(Stream stream, string? path, CustomerSummaryParquetOptions options, ICollection<CustomerSummary> destination)
    {
        var reader = ParquetFile.OpenReader(stream, path);
        try
        {
            var columns = new SummaryColumns(reader.Schema, path);
            bool strict = options.Mode == ParquetReadMode.Strict;
            var rejected = new List<RejectedRow>();
            var seen = new Dictionary<string, long>(StringComparer.Ordinal);
            long row = 0, imported = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                int n = checked((int)group.RowCount);
                ParquetFile.Guard(path, () => columns.Read(group, n));
                for (int i = 0; i < n; i++)
                {
                    row++;
                    var values = columns.Next();
                    if (!TryCreate(values, seen, out var summary, out var bad))
                    {
                        if (strict)
                        {
                            throw new ParquetFormatException(path, row, bad.Column, bad.RawText, bad.Reason, bad.Cause);
                        }

                        rejected.Add(new RejectedRow(row, bad.Column, bad.RawText, bad.Reason));
                        continue;
                    }

                    seen.Add(summary.CustomerId, row);
                    destination.Add(summary);
                    imported++;
                }
            }

            return new ParquetReadReport(imported, rejected.Count == 0 ? [] : rejected.AsReadOnly(), reader.RowGroupCount);
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// Checks one row and builds its summary: nulls where none is allowed, the time unit, everything
    /// <see cref="CustomerSummary.Create"/> checks, <c>frequency</c> (when the file has it) against <c>purchase_days</c>, and a
    /// customer id seen in an earlier row. The first failing check (in that order) names the column.
    /// </summary>
    private static bool TryCreate(in SummaryValues v, Dictionary<string, long> seen, out CustomerSummary summary, out BadValue bad)
    {
        summary = default;
        int nullColumn = v.FirstRequiredNull();
        if (nullColumn >= 0)
        {
            bad = new BadValue(Columns[nullColumn], string.Empty, "The value is null.", null);
            return false;
        }

        var unitText = v.Unit!.Value;
        if (!Enum.TryParse(unitText.Span, ignoreCase: false, out TimeUnit unit) || !Enum.IsDefined(unit) || unitText.IsEmpty || !char.IsAsciiLetter(unitText.Span[0]))
        {
            bad = new BadValue(Columns[7], MessageText.Cap(unitText.Span), "The time unit must be Day, Week, Month or Year.", null);
            return false;
        }

        string id = v.Id!.Value.ToString();
        try
        {
            summary = CustomerSummary.Create(
                id, unit, v.First, v.Last, v.PurchaseDays!.Value, v.Recency!.Value, v.Age!.Value, v.DaysQuiet, v.Spend!.Value,
                v.Refunds!.Value, v.Monetary!.Value, v.HoldoutDays!.Value, v.HoldoutSpend!.Value);
        }
        catch (ArgumentException e)
        {
            int column = ColumnOf(e.ParamName);
            bad = new BadValue(Columns[column], v.Raw(column), e.Message.Split(" (Parameter", 2)[0], e);
            return false;
        }

        if (v.HasFrequency && v.Frequency != summary.Frequency)
        {
            bad = new BadValue(Columns[4], v.Raw(4), ThrowHelper.Format(
                $"The frequency ({v.Frequency}) must be purchase_days - 1 ({summary.Frequency}; 0 without a purchase day)."), null);
            summary = default;
            return false;
        }

        if (seen.TryGetValue(id, out long earlier))
        {
            bad = new BadValue(Columns[0], MessageText.Cap(id), ThrowHelper.Format($"The customer id is already in row {earlier}; a summaries file has one row per customer."), null);
            summary = default;
            return false;
        }

        bad = default;
        return true;
    }

    private static int ColumnOf(string? parameter) => parameter switch
    {
        "customerId" => 0,
        "firstPurchase" => 1,
        "lastPurchase" => 2,
        "recency" => 5,
        "age" => 6,
        "daysSinceLastPurchase" => 8,
        "spend" => 9,
        "refunds" => 10,
        "monetaryValue" => 11,
        "holdoutPurchaseDays" => 12,
        "holdoutSpend" => 13,
        _ => 3,
    };

    /// <summary>Why a row was not imported: the column, its value as text, the reason, and the exception behind it.</summary>
    private readonly record struct BadValue(string Column, string RawText, string Reason, Exception? Cause);

    /// <summary>One row's values as stored (null for a null), in <see cref="Columns"/> order.</summary>
    private readonly record struct SummaryValues(
        ReadOnlyMemory<char>? Id, DateOnly? First, DateOnly? Last, int? PurchaseDays, bool HasFrequency, int? Frequency, double? Recency,
        double? Age, ReadOnlyMemory<char>? Unit, int? DaysQuiet, double? Spend, double? Refunds, double? Monetary, int? HoldoutDays,
        double? HoldoutSpend)
    {
        /// <summary>The first column that is null but must not be (<c>first_purchase</c>, <c>last_purchase</c> and <c>days_since_last_purchase</c> may be); -1 when none.</summary>
        public int FirstRequiredNull() =>
            Id is null ? 0
            : PurchaseDays is null ? 3
            : HasFrequency && Frequency is null ? 4
            : Recency is null ? 5
            : Age is null ? 6
            : Unit is null ? 7
            : Spend is null ? 9
            : Refunds is null ? 10
            : Monetary is null ? 11
            : HoldoutDays is null ? 12
            : HoldoutSpend is null ? 13
            : -1;

        /// <summary>A column's value as a rejected row shows it: invariant, round-trip numbers, ISO dates, empty for a null.</summary>
        public string Raw(int column) => column switch
        {
            0 => Id is { } id ? MessageText.Cap(id.Span) : string.Empty,
            1 => Text(First),
            2 => Text(Last),
            3 => Text(PurchaseDays),
            4 => Text(Frequency),
            5 => Text(Recency),
            6 => Text(Age),
            7 => Unit is { } unit ? MessageText.Cap(unit.Span) : string.Empty,
            8 => Text(DaysQuiet),
            9 => Text(Spend),
            10 => Text(Refunds),
            11 => Text(Monetary),
            12 => Text(HoldoutDays),
            _ => Text(HoldoutSpend),
        };

        private static string Text(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;

        private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

        private static string Text(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;
    }

    /// <summary>The summary columns of a file, found by name and checked for type once; <c>frequency</c> is optional.</summary>
    private sealed class SummaryColumns(ParquetSchema schema, string? path)
    {
        private readonly ColumnBuffer<ReadOnlyMemory<char>> _ids = Column<ReadOnlyMemory<char>>(schema, 0, typeof(string), path);
        private readonly ColumnBuffer<DateOnly> _first = Column<DateOnly>(schema, 1, typeof(DateOnly), path);
        private readonly ColumnBuffer<DateOnly> _last = Column<DateOnly>(schema, 2, typeof(DateOnly), path);
        private readonly ColumnBuffer<int> _purchaseDays = Column<int>(schema, 3, typeof(int), path);
        private readonly ColumnBuffer<int>? _frequency = HasColumn(schema, Columns[4]) ? Column<int>(schema, 4, typeof(int), path) : null;
        private readonly ColumnBuffer<double> _recency = Column<double>(schema, 5, typeof(double), path);
        private readonly ColumnBuffer<double> _age = Column<double>(schema, 6, typeof(double), path);
        private readonly ColumnBuffer<ReadOnlyMemory<char>> _units = Column<ReadOnlyMemory<char>>(schema, 7, typeof(string), path);
        private readonly ColumnBuffer<int> _quiet = Column<int>(schema, 8, typeof(int), path);
        private readonly ColumnBuffer<double> _spend = Column<double>(schema, 9, typeof(double), path);
        private readonly ColumnBuffer<double> _refunds = Column<double>(schema, 10, typeof(double), path);
        private readonly ColumnBuffer<double> _monetary = Column<double>(schema, 11, typeof(double), path);
        private readonly ColumnBuffer<int> _holdoutDays = Column<int>(schema, 12, typeof(int), path);
        private readonly ColumnBuffer<double> _holdoutSpend = Column<double>(schema, 13, typeof(double), path);

        public void Read(ParquetRowGroupReader group, int n)
        {
            _ids.Read(group, n);
            _first.Read(group, n);
            _last.Read(group, n);
            _purchaseDays.Read(group, n);
            _frequency?.Read(group, n);
            _recency.Read(group, n);
            _age.Read(group, n);
            _units.Read(group, n);
            _quiet.Read(group, n);
            _spend.Read(group, n);
            _refunds.Read(group, n);
            _monetary.Read(group, n);
            _holdoutDays.Read(group, n);
            _holdoutSpend.Read(group, n);
        }

        /// <summary>The next row's values; every column advances, so a bad value never shifts the rows after it.</summary>
        public SummaryValues Next() => new(
            Get(_ids), Get(_first), Get(_last), Get(_purchaseDays), _frequency is not null, _frequency is null ? null : Get(_frequency),
            Get(_recency), Get(_age), Get(_units), Get(_quiet), Get(_spend), Get(_refunds), Get(_monetary), Get(_holdoutDays), Get(_holdoutSpend));

        private static T? Get<T>(ColumnBuffer<T> column)
            where T : struct => column.Next(out var value) ? value : null;

        private static bool HasColumn(ParquetSchema schema, string name) =>
            schema.Fields.Any(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    private static ColumnBuffer<T> Column<T>(ParquetSchema schema, int index, Type type, string? path)
        where T : struct
    {
        string name = Columns[index];
        var field = TransactionParquetReader.Find(schema, name, "summary", path);
        if ((type == typeof(string) ? !TransactionParquetReader.IsText(field) : field.ClrType != type) || field is DecimalDataField)
        {
            throw TransactionParquetReader.WrongType(field, "summary", ThrowHelper.Format($"'{name}' is written as {TransactionParquetReader.Describe(new DataField(name, type))}"), path);
        }

        return new ColumnBuffer<T>(field);
    }
}
