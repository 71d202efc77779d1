using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Clv.Parquet.Internal;

/// <summary>The date column: a <c>DATE</c>, the calendar day of a <c>TIMESTAMP</c> as stored, or text in the configured format.</summary>
internal sealed class DateColumn
{
    private readonly ColumnBuffer<DateOnly>? _date;
    private readonly ColumnBuffer<DateTime>? _timestamp;
    private readonly ColumnBuffer<ReadOnlyMemory<char>>? _text;
    private readonly string _format;
    private readonly bool _iso;

    private DateColumn(DataField field, string format)
    {
        Name = field.Name;
        _format = format;
        _iso = format == "yyyy-MM-dd";
        if (field.ClrType == typeof(DateOnly))
        {
            _date = new(field);
        }
        else if (field.ClrType == typeof(DateTime))
        {
            _timestamp = new(field);
        }
        else
        {
            _text = new(field);
        }
    }

    public string Name { get; }

    public static DateColumn Resolve(ParquetSchema schema, string name, string format, string? path)
    {
        var field = TransactionParquetReader.Find(schema, name, "date", path);
        if (field.ClrType != typeof(DateOnly) && field.ClrType != typeof(DateTime) && !TransactionParquetReader.IsText(field))
        {
            throw TransactionParquetReader.WrongType(field, "date", "a date must be DATE, TIMESTAMP or STRING (in options.DateFormat)", path);
        }

        return new DateColumn(field, format);
    }

    public void Read(ParquetRowGroupReader group, int rows)
    {
        _date?.Read(group, rows);
        _timestamp?.Read(group, rows);
        _text?.Read(group, rows);
    }

    /// <summary>The next row's date; false when it is null. <paramref name="parsed"/> is false (and <paramref name="text"/> the raw text) when a text date does not match the format.</summary>
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
            date = DateOnly.FromDateTime(stamp);
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

        return DateOnly.TryParseExact(s, _format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> s) => s.Trim(" \t");
}
