using System.Globalization;
using Clv.Parquet.Internal;
using Parquet;
using Parquet.Schema;

namespace Clv.Parquet;

/// <content>Reading: the columns found by name, each row checked and rebuilt, bad rows thrown or collected.</content>
public static partial class CustomerSummaryParquet
{
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
            long length = stream.Length;
            long row = 0, imported = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                using var group = reader.OpenRowGroupReader(g);
                int n = 0;
                ParquetFile.Guard(path, () =>
                {
                    n = ParquetFile.RowCount(group, reader.Schema, g, path, length);
                    columns.Read(group, n);
                });
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

                options.Progress?.Report(row);
            }

            return new ParquetReadReport(imported, rejected.Count == 0 ? [] : rejected.AsReadOnly(), reader.RowGroupCount);
        }
        finally
        {
            Blocking.Wait(() => reader.DisposeAsync().AsTask());
        }
    }

    /// <summary>
    /// Checks one row and builds its summary: nulls where none is allowed and stored values beyond their field's range (a
    /// date beyond <see cref="DateOnly"/>, a count beyond <see cref="int"/>; whichever column comes first), the time unit, everything
    /// <see cref="CustomerSummary.Create"/> checks, <c>frequency</c> (when the file has it) against <c>purchase_days</c>, and a
    /// customer id seen in an earlier row. The first failing check (in that order) names the column.
    /// </summary>
    private static bool TryCreate(in SummaryValues v, Dictionary<string, long> seen, out CustomerSummary summary, out BadValue bad)
    {
        summary = default;

        // A value out of range is held as a null: it is the fault when its column comes first (a count out of range
        // is not reported as a null count).
        int nullColumn = v.FirstRequiredNull();
        if (v.OutOfRange is { } outOfRange && (nullColumn < 0 || outOfRange.Column <= nullColumn))
        {
            bad = new BadValue(Columns[outOfRange.Column], outOfRange.Raw, outOfRange.Reason, null);
            return false;
        }

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
        double? HoldoutSpend, OutOfRangeValue? OutOfRange)
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

    /// <summary>A stored value the row's field cannot hold (a date beyond <see cref="DateOnly"/>, a count beyond <see cref="int"/>): its column, its text and why.</summary>
    private readonly record struct OutOfRangeValue(int Column, string Raw, string Reason);

    /// <summary>
    /// The summary columns of a file, found by name and checked for type once (counts any whole number, the other numbers
    /// any number, <see cref="CountColumn"/> and <see cref="AmountColumn"/>); <c>frequency</c> is optional.
    /// </summary>
    private sealed class SummaryColumns(ParquetSchema schema, string? path)
    {
        private readonly IdColumn _ids = IdColumn.Resolve(schema, Columns[0], path);
        private readonly ColumnBuffer<int> _first = Days(schema, 1, path);
        private readonly ColumnBuffer<int> _last = Days(schema, 2, path);
        private readonly CountColumn _purchaseDays = Count(schema, 3, path);
        private readonly CountColumn? _frequency = HasColumn(schema, Columns[4]) ? Count(schema, 4, path) : null;
        private readonly AmountColumn _recency = Number(schema, 5, path);
        private readonly AmountColumn _age = Number(schema, 6, path);
        private readonly ColumnBuffer<ReadOnlyMemory<char>> _units = Column<ReadOnlyMemory<char>>(schema, 7, typeof(string), path);
        private readonly CountColumn _quiet = Count(schema, 8, path);
        private readonly AmountColumn _spend = Number(schema, 9, path);
        private readonly AmountColumn _refunds = Number(schema, 10, path);
        private readonly AmountColumn _monetary = Number(schema, 11, path);
        private readonly CountColumn _holdoutDays = Count(schema, 12, path);
        private readonly AmountColumn _holdoutSpend = Number(schema, 13, path);

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
        public SummaryValues Next()
        {
            OutOfRangeValue? outOfRange = null;
            var id = Id(_ids);
            var first = Day(_first, 1, ref outOfRange);
            var last = Day(_last, 2, ref outOfRange);
            var purchaseDays = Get(_purchaseDays, 3, ref outOfRange);
            var frequency = _frequency is null ? null : Get(_frequency, 4, ref outOfRange);
            var recency = Get(_recency);
            var age = Get(_age);
            var units = Get(_units);
            var quiet = Get(_quiet, 8, ref outOfRange);
            var spend = Get(_spend);
            var refunds = Get(_refunds);
            var monetary = Get(_monetary);
            var holdoutDays = Get(_holdoutDays, 12, ref outOfRange);
            return new(
                id, first, last, purchaseDays, _frequency is not null, frequency, recency, age, units, quiet, spend, refunds, monetary, holdoutDays,
                Get(_holdoutSpend), outOfRange);
        }

        /// <summary>
        /// A <c>DATE</c> from the number of days stored (read as stored, so that every encoding Parquet.Net decodes for
        /// <c>INT32</c> is read, and a value beyond <see cref="DateOnly"/> is the row's bad value, not the file's failure).
        /// </summary>
        private static DateOnly? Day(ColumnBuffer<int> column, int index, ref OutOfRangeValue? outOfRange)
        {
            if (!column.Next(out int stored))
            {
                return null;
            }

            if (DateColumn.TryDay(stored, out var day))
            {
                return day;
            }

            outOfRange ??= new(index, DateColumn.OutOfRange(stored), DateColumn.OutOfRangeReason);
            return null;
        }

        /// <summary>A count stored in any number type; a value beyond <see cref="int"/>'s range or not whole is the row's bad value (null here), not a wrapped or rounded number.</summary>
        private static int? Get(CountColumn column, int index, ref OutOfRangeValue? outOfRange)
        {
            if (!column.Next(out int value, out var bad))
            {
                return null;
            }

            if (bad is not { } stored)
            {
                return value;
            }

            outOfRange ??= new(index, stored.Raw, stored.Reason);
            return null;
        }

        private static double? Get(AmountColumn column) => column.Next(out double value) ? value : null;

        /// <summary>The customer id: text as it is, a whole number or UUID as its text (as the transaction reader reads ids).</summary>
        private static ReadOnlyMemory<char>? Id(IdColumn column)
        {
            Span<char> digits = stackalloc char[IdColumn.MaxDigits];
            if (!column.Next(digits, out var text, out var source))
            {
                return null;
            }

            return !source.IsEmpty || text.IsEmpty ? source : text.ToString().AsMemory();
        }

        private static T? Get<T>(ColumnBuffer<T> column)
            where T : struct => column.Next(out var value) ? value : null;

        private static bool HasColumn(ParquetSchema schema, string name) =>
            schema.Fields.Any(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A <c>DATE</c> column, read as the days stored (<see cref="DateColumn.Stored"/>).</summary>
    private static ColumnBuffer<int> Days(ParquetSchema schema, int index, string? path) =>
        new(DateColumn.Stored(Column<DateOnly>(schema, index, typeof(DateOnly), path).Field, typeof(int)));

    /// <summary>A count column (<c>purchase_days</c>, <c>frequency</c>, <c>days_since_last_purchase</c>, <c>holdout_purchase_days</c>): any whole number, or whole values of DOUBLE, FLOAT or DECIMAL.</summary>
    private static CountColumn Count(ParquetSchema schema, int index, string? path)
    {
        string name = Columns[index];
        var field = TransactionParquetReader.Find(schema, name, "summary", path);
        return CountColumn.IsNumber(field) ? CountColumn.For(field)
            : throw TransactionParquetReader.WrongType(field, "summary", ThrowHelper.Format($"'{name}' must be a whole number (INT8 to INT64, signed or unsigned; or whole values of DOUBLE, FLOAT or DECIMAL)"), path);
    }

    /// <summary>A number column (<c>recency</c>, <c>age</c>, the spends): <c>DOUBLE</c>, <c>FLOAT</c>, <c>DECIMAL</c> or a whole number.</summary>
    private static AmountColumn Number(ParquetSchema schema, int index, string? path)
    {
        string name = Columns[index];
        var field = TransactionParquetReader.Find(schema, name, "summary", path);
        return AmountColumn.IsNumber(field) ? AmountColumn.For(field)
            : throw TransactionParquetReader.WrongType(field, "summary", ThrowHelper.Format($"'{name}' must be DOUBLE, FLOAT, DECIMAL or a whole number (INT8 to INT64, signed or unsigned)"), path);
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
