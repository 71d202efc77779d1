using System.Globalization;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Clv.Parquet.Internal;

/// <summary>
/// The date column: a <c>DATE</c>, the calendar day of a <c>TIMESTAMP</c>, or text in the configured format. A
/// timestamp adjusted to UTC and a text timestamp with an offset are instants: their day follows
/// <see cref="CalendarDay"/>'s rule (their own day without a zone, their day in the zone with one); a local timestamp and
/// a text timestamp without an offset are wall-clock times that count on their date as written.
/// </summary>
internal sealed class DateColumn
{
    private readonly ColumnBuffer<DateOnly>? _date;
    private readonly ColumnBuffer<DateTime>? _timestamp;
    private readonly ColumnBuffer<ReadOnlyMemory<char>>? _text;
    private readonly string _format;
    private readonly bool _iso;
    private readonly bool _textTimestamps;
    private readonly bool _textOffsets;
    private readonly string? _formatWithoutOffset;
    private readonly DateTimeKind _timestampKind;
    private readonly TimeZoneInfo? _timeZone;

    private DateColumn(DataField field, string format, TimeZoneInfo? timeZone)
    {
        Name = field.Name;
        _format = format;
        _iso = format == "yyyy-MM-dd";
        _timeZone = timeZone;
        if (field.ClrType == typeof(DateOnly))
        {
            _date = new(field);
        }
        else if (field.ClrType == typeof(DateTime))
        {
            _timestamp = new(field);
            _timestampKind = IsAdjustedToUtc(field) ? DateTimeKind.Utc : DateTimeKind.Unspecified;
        }
        else
        {
            _text = new(field);
            _textTimestamps = DateFormats.HasTime(format);
            _textOffsets = DateFormats.HasOffset(format);
            _formatWithoutOffset = DateFormats.WithoutOptionalOffset(format);
        }
    }

    public string Name { get; }

    public static DateColumn Resolve(ParquetSchema schema, string name, string format, TimeZoneInfo? timeZone, string? path)
    {
        var field = TransactionParquetReader.Find(schema, name, "date", path);
        if (field.ClrType != typeof(DateOnly) && field.ClrType != typeof(DateTime) && !TransactionParquetReader.IsText(field))
        {
            throw TransactionParquetReader.WrongType(field, "date", "a date must be DATE, TIMESTAMP or STRING (in options.DateFormat)", path);
        }

        return new DateColumn(field, format, timeZone);
    }

    /// <summary>
    /// Whether a timestamp column holds instants: the logical type's <c>isAdjustedToUTC</c> (DuckDB's <c>TIMESTAMPTZ</c>
    /// is true, its <c>TIMESTAMP</c> false). Legacy <c>INT96</c> timestamps carry no flag and are read as written.
    /// </summary>
    internal static bool IsAdjustedToUtc(DataField field) =>
        field is DateTimeDataField { DateTimeFormat: not (DateTimeFormat.Impala or DateTimeFormat.Date), IsAdjustedToUTC: true };

    public void Read(ParquetRowGroupReader group, int rows)
    {
        _date?.Read(group, rows);
        _timestamp?.Read(group, rows);
        _text?.Read(group, rows);
    }

    /// <summary>The next row's date; false when it is null. <paramref name="parsed"/> is false (and <paramref name="text"/> the raw text) when a text date does not match the format.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(out DateOnly date, out bool parsed, out ReadOnlySpan<char> text)
    {
        text = default;
        parsed = true;
        if (_date is not null)
        {
            return _date.Next(out date);
        }

        if (_timestamp is not null)
        {
            bool has = _timestamp.Next(out var stamp);

            // Parquet.Net gives the stored clock reading; the column's flag says whether it is UTC (an instant).
            date = has ? CalendarDay.Of(DateTime.SpecifyKind(stamp, _timestampKind), _timeZone) : default;
            return has;
        }

        date = default;
        if (!_text!.Next(out var memory))
        {
            return false;
        }

        text = Trim(memory.Span);
        parsed = TryParse(text, out date);
        return true;
    }

    private bool TryParse(ReadOnlySpan<char> s, out DateOnly date)
    {
        if (_iso && s.Length == 10 && s[4] == '-' && s[7] == '-'
            && int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out int y)
            && int.TryParse(s[5..7], NumberStyles.None, CultureInfo.InvariantCulture, out int m)
            && int.TryParse(s[8..], NumberStyles.None, CultureInfo.InvariantCulture, out int d)
            && y >= 1 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            date = new DateOnly(y, m, d);
            return true;
        }

        if (!_textTimestamps)
        {
            return DateOnly.TryParseExact(s, _format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        }

        // As the CSV reader: a time without an offset is a wall clock (its date as written); with an offset, the day
        // follows CalendarDay's rule (its own offset's day, or its day in options.TimeZone).
        return DateFormats.TryParseDay(s, _format, _formatWithoutOffset, _textOffsets, _timeZone, out date);
    }

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> s) => s.Trim(" \t");
}
