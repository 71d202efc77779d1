using System.Data.Common;
using System.Globalization;

namespace Clv.Data.Internal;

/// <summary>Turns one row of a result into (id, day, amount: quantity × unit price with a quantity column), or a rejection naming the row, column and value.</summary>
internal sealed class DbRowReader
{
    /// <summary>What the CSV reader trims from the ends of an id: a padded CHAR(n) column's spaces, and tabs; other blanks are part of it.</summary>
    private static readonly char[] IdBlanks = [' ', '\t'];

    private readonly DbDataReader _reader;
    private readonly TransactionDbOptions _options;
    private readonly int _id;
    private readonly int _date;
    private readonly int _amount;
    private readonly int _quantity = -1;
    private readonly bool _timestamps;
    private readonly bool _offsets;
    private readonly string? _formatWithoutOffset;
    private readonly bool _dateIsInstant;
    private readonly List<RejectedRow> _rejected = [];

    public DbRowReader(DbDataReader reader, TransactionDbOptions options)
    {
        _reader = reader;
        _options = options;
        _id = Ordinal(reader, options.CustomerIdColumn, "options.CustomerIdColumn");
        _date = Ordinal(reader, options.DateColumn, "options.DateColumn");
        _amount = Ordinal(reader, options.AmountColumn, "options.AmountColumn");
        if (options.QuantityColumn is { } quantity)
        {
            _quantity = Ordinal(reader, quantity, "options.QuantityColumn");
        }
        // Text dates are read as the CSV and Parquet readers read them: the same format means the same thing in all three.
        _timestamps = Clv.Shared.DateFormats.HasTime(options.DateFormat);
        _offsets = Clv.Shared.DateFormats.HasOffset(options.DateFormat);
        _formatWithoutOffset = Clv.Shared.DateFormats.WithoutOptionalOffset(options.DateFormat);
        _dateIsInstant = IsInstantType(reader, _date);
    }

    public IReadOnlyList<RejectedRow> Rejected => _rejected;

    /// <summary>
    /// Whether the column's database type is a timestamp with a time zone (<c>TIMESTAMPTZ</c>, <c>TIMESTAMP WITH TIME ZONE</c>):
    /// its values are instants even where the provider hands them over as a <see cref="DateTime"/> of kind
    /// <see cref="DateTimeKind.Unspecified"/> holding the UTC clock (DuckDB.NET does; Npgsql marks them UTC).
    /// </summary>
    private static bool IsInstantType(DbDataReader reader, int ordinal)
    {
        string name;
        try
        {
            name = reader.GetDataTypeName(ordinal);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException)
        {
            return false;
        }

        string compact = name.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return compact.Equals("timestamptz", StringComparison.OrdinalIgnoreCase) || compact.Equals("timestampwithtimezone", StringComparison.OrdinalIgnoreCase);
    }

    public long Rows { get; private set; }

    /// <summary>
    /// The one column named <paramref name="name"/> ignoring case; two such columns (a join's <c>SELECT *</c>, <c>o.amount, r.amount</c>)
    /// are ambiguous, as two such header fields are in the CSV reader: reading either would silently drop the other.
    /// </summary>
    private static int Ordinal(DbDataReader reader, string name, string option)
    {
        int found = -1;
        for (int i = 0; i < reader.FieldCount; i++)
        {
            if (string.Equals(reader.GetName(i), name, StringComparison.OrdinalIgnoreCase))
            {
                if (found >= 0)
                {
                    throw new ArgumentException(FormattableString.Invariant(
                        $"{option}: the result has more than one column named '{name}' (ignoring case: columns {found + 1} '{reader.GetName(found)}' and {i + 1} '{reader.GetName(i)}'), so it is ambiguous; give them distinct names in the query (AS)."), option);
                }

                found = i;
            }
        }

        if (found >= 0)
        {
            return found;
        }

        var columns = string.Join(", ", Enumerable.Range(0, reader.FieldCount).Select(i => "'" + reader.GetName(i) + "'"));
        throw new ArgumentException(FormattableString.Invariant($"{option}: the result has no column '{name}'; its columns are {columns}."), option);
    }

    /// <summary>Reads the current row; false (after recording it, or throwing in strict mode) when it is bad.</summary>
    public bool TryRead(out string id, out DateOnly day, out double amount)
    {
        Rows++;
        day = default;
        amount = 0;
        if (!TryId(out id, out string? reason))
        {
            return Reject(_options.CustomerIdColumn, _id, reason);
        }

        if (!TryDay(out day, out reason))
        {
            return Reject(_options.DateColumn, _date, reason);
        }

        if (!TryNumber(_amount, "amount", out amount, out reason))
        {
            return Reject(_options.AmountColumn, _amount, reason);
        }

        if (_quantity >= 0)
        {
            if (!TryNumber(_quantity, "quantity", out double quantity, out reason))
            {
                return Reject(_options.QuantityColumn!, _quantity, reason);
            }

            double product = quantity * amount;
            if (!double.IsFinite(product))
            {
                return Reject(_options.QuantityColumn!, _quantity, FormattableString.Invariant(
                    $"The quantity times the unit price ({amount.ToString("R", CultureInfo.InvariantCulture)}) is not a finite number."));
            }

            amount = product + 0.0;   // a zero line (a free item, or the return of one) is +0, a transaction of 0
        }

        return true;
    }

    /// <summary>
    /// A rejected value as text, capped as the CSV and Parquet readers cap it: a BLOB's bytes in hexadecimal (0x0A1B...), not
    /// "System.Byte[]"; an array (PostgreSQL's <c>text[]</c>, <c>int[]</c>) as its elements in braces, as PostgreSQL writes it
    /// ({a,b}), not "System.String[]".
    /// </summary>
    private static string Text(object value) => value switch
    {
        byte[] bytes => Clv.Shared.MessageText.Cap("0x" + Convert.ToHexString(bytes, 0, Math.Min(bytes.Length, 100)), 2 + (2L * bytes.Length)),
        Array array => Clv.Shared.MessageText.Cap("{" + string.Join(',', array.Cast<object?>().Take(100).Select(e => e is null or DBNull ? "NULL" : Convert.ToString(e, CultureInfo.InvariantCulture))) + (array.Length > 100 ? ",..." : "") + "}"),
        _ => Clv.Shared.MessageText.Cap(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private bool Reject(string column, int ordinal, string reason)
    {
        // Capped as the CSV and Parquet readers cap it: a lenient read of a wrong column (a JSON payload as the amount) keeps
        // 200 characters and the length per rejected row, not every payload.
        string raw = _reader.IsDBNull(ordinal) ? string.Empty
            : TryGetValue(ordinal, out object? value, out string failure) ? Text(value)
            : failure.Length == 0 ? string.Empty : "<" + TypeName(ordinal) + ">";   // no .NET value to show: the database's type
        var e = new DbFormatException(Rows, column, raw, reason);
        if (_options.Mode == DbReadMode.Strict)
        {
            throw e;
        }

        _rejected.Add(e.ToRejectedRow());
        return false;
    }

    private bool TryId(out string id, out string reason)
    {
        id = string.Empty;
        reason = string.Empty;
        if (_reader.IsDBNull(_id))
        {
            reason = "The customer id is NULL.";
            return false;
        }

        var type = _reader.GetFieldType(_id);
        string? text;
        try
        {
            text = IdText(type);
        }
        catch (Exception ex) when (IsConversionFailure(ex))
        {
            reason = Unconvertible(_id, ex);
            return false;
        }

        if (text is null)
        {
            reason = "The customer id is NULL.";   // IsDBNull said no, yet the reader handed over null
            return false;
        }

        id = text;

        if (id.Length == 0)
        {
            reason = type == typeof(string) ? "The customer id is empty." : FormattableString.Invariant($"A customer id of type {type.Name} is not text, an integer or a Guid.");
            return false;
        }

        return true;
    }

    /// <summary>The id as text; null when the reader hands over null; empty when it is neither text, an integer nor a Guid.</summary>
    private string? IdText(Type type) =>
        type == typeof(string) ? _reader.GetString(_id)?.Trim(IdBlanks)
            : type == typeof(long) ? _reader.GetInt64(_id).ToString(CultureInfo.InvariantCulture)
            : type == typeof(int) ? _reader.GetInt32(_id).ToString(CultureInfo.InvariantCulture)
            : type == typeof(short) ? _reader.GetInt16(_id).ToString(CultureInfo.InvariantCulture)
            : type == typeof(Guid) ? _reader.GetGuid(_id).ToString("D")
            : type == typeof(decimal) && decimal.IsInteger(_reader.GetDecimal(_id)) ? decimal.Truncate(_reader.GetDecimal(_id)).ToString(CultureInfo.InvariantCulture)
            : OtherInteger(_reader.GetValue(_id));

    /// <summary>
    /// An integer of a type without a typed getter, in invariant digits: SQL Server's <c>TINYINT</c> (<see cref="byte"/>),
    /// unsigned columns (MySQL, DuckDB's <c>UBIGINT</c>), DuckDB's <c>HUGEINT</c> (<see cref="System.Numerics.BigInteger"/>);
    /// empty for anything else.
    /// </summary>
    private static string OtherInteger(object value) => value switch
    {
        byte or sbyte or ushort or uint or ulong or Int128 or UInt128 or System.Numerics.BigInteger => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        _ => string.Empty,
    };

    private bool TryDay(out DateOnly day, out string reason)
    {
        day = default;
        reason = string.Empty;
        if (_reader.IsDBNull(_date))
        {
            reason = "The date is NULL.";
            return false;
        }

        var type = _reader.GetFieldType(_date);
        var zone = _options.TimeZone;
        if (!TryGetValue(_date, out object? value, out reason))
        {
            reason = reason.Length == 0 ? "The date is NULL." : reason;
            return false;
        }

        switch (value)
        {
            case DateOnly d when d == DateOnly.MinValue || d == DateOnly.MaxValue:
            case DateTime t0 when t0 == DateTime.MinValue || t0 == DateTime.MaxValue:
            case DateTimeOffset o0 when o0 == DateTimeOffset.MinValue || o0 == DateTimeOffset.MaxValue:
                // Npgsql hands PostgreSQL's 'infinity' and '-infinity' (a "no date" placeholder) over as these: never a day.
                reason = "The date is the first or last value .NET holds: PostgreSQL's '-infinity' or 'infinity' (or a placeholder), not a day.";
                return false;
            case DateOnly d:
                day = d;
                return true;
            case DateTime t:
                day = CalendarDay.Of(_dateIsInstant && t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t, zone);
                return true;
            case DateTimeOffset o:
                day = CalendarDay.Of(o, zone);
                return true;
            case string text when !_timestamps && DateOnly.TryParseExact(text.Trim(), _options.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                day = date;
                return true;
            case string text when _timestamps && Clv.Shared.DateFormats.TryParseDay(text.Trim(), _options.DateFormat, _formatWithoutOffset, _offsets, zone, out var stampDay):
                day = stampDay;
                return true;
            case string:
                reason = FormattableString.Invariant($"Not a date in the format '{_options.DateFormat}'.");
                return false;
            default:
                reason = FormattableString.Invariant($"A date of type {type.Name} is not a date, a timestamp or text.");
                return false;
        }
    }

    /// <summary>The number in column <paramref name="ordinal"/>, the <paramref name="role"/> ("amount", "quantity") of its errors.</summary>
    private bool TryNumber(int ordinal, string role, out double amount, out string reason)
    {
        amount = 0;
        reason = string.Empty;
        if (_reader.IsDBNull(ordinal))
        {
            reason = FormattableString.Invariant($"The {role} is NULL.");
            return false;
        }

        if (!TryGetValue(ordinal, out object? value, out reason))
        {
            reason = reason.Length == 0 ? FormattableString.Invariant($"The {role} is NULL.") : reason;
            return false;
        }

        switch (value)
        {
            case double d: amount = d; break;
            case float f: amount = f; break;
            case decimal m: amount = (double)m; break;
            case long l: amount = l; break;
            case int i: amount = i; break;
            case short s: amount = s; break;
            case byte b: amount = b; break;
            case sbyte sb: amount = sb; break;
            case ushort us: amount = us; break;
            case uint ui: amount = ui; break;
            case ulong ul: amount = ul; break;
            case Half h: amount = (double)h; break;
            case Int128 i128: amount = (double)i128; break;
            case UInt128 u128: amount = (double)u128; break;
            case System.Numerics.BigInteger big: amount = (double)big; break;
            case string text when double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed): amount = parsed; break;
            case string:
                reason = "Not a number in the invariant culture.";
                return false;
            default:
                reason = FormattableString.Invariant($"{(role == "amount" ? "An amount" : "A " + role)} of type {value.GetType().Name} is not a number.");
                return false;
        }

        if (!double.IsFinite(amount))
        {
            reason = FormattableString.Invariant($"The {role} is not a finite number (NaN or infinity).");
            return false;
        }

        return true;
    }

    /// <summary>
    /// The value of column <paramref name="ordinal"/>, or false with the reason when the provider cannot hand it over as a .NET
    /// value (PostgreSQL's numeric NaN, a numeric beyond <see cref="decimal"/>, a date before year 1, DuckDB's infinite dates):
    /// a bad row naming its row and column, rejected in lenient mode, not an exception that ends the read. False with an empty
    /// reason for a null value.
    /// </summary>
    private bool TryGetValue(int ordinal, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out object? value, out string reason)
    {
        reason = string.Empty;
        try
        {
            value = _reader.GetValue(ordinal);
        }
        catch (Exception ex) when (IsConversionFailure(ex))
        {
            value = null;
            reason = Unconvertible(ordinal, ex);
            return false;
        }

        if (value is null or DBNull)
        {
            // IsDBNull said no, yet there is no value (a hand-written reader that returns null): a NULL, the reason left to the caller.
            value = null;
            return false;
        }

        return true;
    }

    /// <summary>An exception of the provider's value conversion (not of a closed reader, which ends the read).</summary>
    private bool IsConversionFailure(Exception ex) =>
        ex is InvalidCastException or OverflowException or ArgumentOutOfRangeException or FormatException
        || (ex is InvalidOperationException && !_reader.IsClosed);

    private string Unconvertible(int ordinal, Exception ex) =>
        FormattableString.Invariant($"The database's {TypeName(ordinal)} value has no .NET value ({ex.GetType().Name}: {ex.Message})");

    private string TypeName(int ordinal)
    {
        try
        {
            return _reader.GetDataTypeName(ordinal);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException)
        {
            return "unknown";
        }
    }
}
