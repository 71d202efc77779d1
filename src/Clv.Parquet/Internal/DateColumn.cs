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
/// <remarks>
/// <c>DATE</c> and <c>INT64</c> timestamps are read as the numbers stored and converted here: a value beyond
/// <see cref="DateOnly"/>'s range (DuckDB's <c>'infinity'</c>, a sentinel such as year 294247) is that row's bad date,
/// not a failure of the whole file (Parquet.Net's own conversion throws for the column).
/// </remarks>
internal sealed class DateColumn
{
    /// <summary>The reason for a date beyond <see cref="DateOnly"/>'s range (a corrupt or a sentinel value).</summary>
    internal const string OutOfRangeReason = "The date is outside 0001-01-01 to 9999-12-31.";

    private readonly ColumnBuffer<int>? _days;
    private readonly ColumnBuffer<long>? _stamps;
    private readonly long _ticksPerUnit;
    private readonly long _unitsPerTick;
    private readonly string? _unitName;
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
            _days = new(Stored(field, typeof(int)));
        }
        else if (field.ClrType == typeof(DateTime))
        {
            _timestampKind = IsAdjustedToUtc(field) ? DateTimeKind.Utc : DateTimeKind.Unspecified;
            (_ticksPerUnit, _unitsPerTick, _unitName) = field is DateTimeDataField dt ? dt.DateTimeFormat switch
            {
                DateTimeFormat.DateAndTime => (TimeSpan.TicksPerMillisecond, 1L, "milliseconds"),
                DateTimeFormat.DateAndTimeMicros => (TimeSpan.TicksPerMicrosecond, 1L, "microseconds"),
                DateTimeFormat.Timestamp => dt.Unit switch
                {
                    DateTimeTimeUnit.Millis => (TimeSpan.TicksPerMillisecond, 1L, "milliseconds"),
                    DateTimeTimeUnit.Micros => (TimeSpan.TicksPerMicrosecond, 1L, "microseconds"),
                    DateTimeTimeUnit.Nanos => (1L, 100L, "nanoseconds"),
                    _ => (0L, 0L, null),
                },
                _ => (0L, 0L, null),
            } : (0L, 0L, null);
            if (_unitName is not null)
            {
                _stamps = new(Stored(field, typeof(long)));
            }
            else
            {
                _timestamp = new(field);
            }
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

    /// <summary>Whether the column holds text (a bad value is then one that does not match the format, not one out of range).</summary>
    public bool IsText => _text is not null;

    /// <summary>The day a Parquet <c>DATE</c> stores as <paramref name="stored"/> days from 1970-01-01; false beyond <see cref="DateOnly"/>'s range.</summary>
    internal static bool TryDay(int stored, out DateOnly date)
    {
        long day = (long)stored + Pages.FastColumns.EpochDay;
        bool inRange = (ulong)day <= (ulong)DateOnly.MaxValue.DayNumber;
        date = inRange ? DateOnly.FromDayNumber((int)day) : default;
        return inRange;
    }

    /// <summary>A date's number as the file stores it, for a rejected row's raw text.</summary>
    internal static string OutOfRange(long days) => days.ToString(CultureInfo.InvariantCulture) + " days from 1970-01-01";

    /// <summary>
    /// The file's column as the physical type that stores it (<c>INT32</c> days, <c>INT64</c> units), so that Parquet.Net
    /// hands over the stored numbers instead of converting them: a field of that type on the same path, in a schema of its own.
    /// </summary>
    internal static DataField Stored(DataField field, Type type)
    {
        var stored = new DataField(field.Name, type, field.IsNullable);
        _ = new ParquetSchema(stored);
        return stored;
    }

    public void Read(ParquetRowGroupReader group, int rows)
    {
        _days?.Read(group, rows);
        _stamps?.Read(group, rows);
        _timestamp?.Read(group, rows);
        _text?.Read(group, rows);
    }

    /// <summary>The next row's date; false when it is null. <paramref name="parsed"/> is false (and <paramref name="text"/> the raw text) when a text date does not match the format.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(out DateOnly date, out bool parsed, out ReadOnlySpan<char> text)
    {
        text = default;
        parsed = true;
        if (_days is not null)
        {
            if (!_days.Next(out int stored))
            {
                date = default;
                return false;
            }

            parsed = TryDay(stored, out date);
            text = parsed ? default : OutOfRange(stored);
            return true;
        }

        if (_stamps is not null)
        {
            if (!_stamps.Next(out long units))
            {
                date = default;
                return false;
            }

            parsed = TryTicks(units, out long ticks);
            date = parsed ? CalendarDay.Of(new DateTime(ticks, _timestampKind), _timeZone) : default;
            text = parsed ? default : units.ToString(CultureInfo.InvariantCulture) + " " + _unitName + " from 1970-01-01";
            return true;
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

    /// <summary><see cref="DateTime.Ticks"/> of a timestamp stored as <paramref name="units"/> from 1970-01-01 (nanoseconds rounded down to 100); false beyond <see cref="DateTime"/>'s range.</summary>
    private bool TryTicks(long units, out long ticks)
    {
        ticks = 0;
        long sinceEpoch;
        if (_unitsPerTick > 1)
        {
            sinceEpoch = Math.DivRem(units, _unitsPerTick, out long rest);
            sinceEpoch -= rest < 0 ? 1 : 0;
        }
        else if (units > long.MaxValue / _ticksPerUnit || units < long.MinValue / _ticksPerUnit)
        {
            return false;
        }
        else
        {
            sinceEpoch = units * _ticksPerUnit;
        }

        long epoch = DateTime.UnixEpoch.Ticks;
        if (sinceEpoch < -epoch || sinceEpoch > DateTime.MaxValue.Ticks - epoch)
        {
            return false;
        }

        ticks = epoch + sinceEpoch;
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
