using System.Globalization;
using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace Clv.Parquet.Internal;

/// <summary>
/// A whole-number column read as <see cref="int"/> values: <c>INT32</c> as it is, and the other widths other tools write
/// (<c>INT64</c> from DuckDB's <c>COUNT(*)</c> and <c>BIGINT</c>, Spark's <c>LongType</c>; <c>INT8</c>, <c>INT16</c> and the
/// unsigned ones) converted; also <c>DOUBLE</c>, <c>FLOAT</c> and <c>DECIMAL</c> holding whole numbers (pandas writes an
/// integer column with a missing value as <c>DOUBLE</c>; DuckDB's <c>SUM</c> of integers is a <c>HUGEINT</c>, which its
/// Parquet writer stores as <c>DOUBLE</c>). A value beyond <see cref="int"/>'s range, or not whole, is not wrapped or
/// rounded: <see cref="Next"/> gives its text and the reason instead, for the row's bad value.
/// </summary>
internal abstract class CountColumn
{
    /// <summary>The reason for a whole number beyond <see cref="int"/>'s range.</summary>
    internal const string OutOfRangeReason = "The value is outside a 32-bit integer's range (-2147483648 to 2147483647).";

    /// <summary>The reason for a stored number with a fraction (or NaN, or an infinity) where a count is read.</summary>
    internal const string NotWholeReason = "The value is not a whole number.";

    /// <summary>Whether the column holds whole numbers of a width this reads (<c>INT8</c> to <c>INT64</c>, signed or unsigned; not <c>DECIMAL</c>, dates or timestamps).</summary>
    public static bool IsWholeNumber(DataField field) =>
        field is not (DecimalDataField or DateTimeDataField)
        && Type.GetTypeCode(field.ClrType) is TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
            or TypeCode.Int64 or TypeCode.UInt64;

    /// <summary>Whether the column holds numbers this reads as counts: whole numbers (<see cref="IsWholeNumber"/>), or <c>DOUBLE</c>, <c>FLOAT</c> or <c>DECIMAL</c> (checked whole value by value).</summary>
    public static bool IsNumber(DataField field) => IsWholeNumber(field) || AmountColumn.IsNumber(field);

    /// <summary>The column's reader (<paramref name="field"/> passes <see cref="IsNumber"/>).</summary>
    public static CountColumn For(DataField field) => !IsWholeNumber(field) ? new Fractional(field) : Type.GetTypeCode(field.ClrType) switch
    {
        TypeCode.Int32 => new Of<int>(field),
        TypeCode.Int64 => new Of<long>(field),
        TypeCode.SByte => new Of<sbyte>(field),
        TypeCode.Byte => new Of<byte>(field),
        TypeCode.Int16 => new Of<short>(field),
        TypeCode.UInt16 => new Of<ushort>(field),
        TypeCode.UInt32 => new Of<uint>(field),
        _ => new Of<ulong>(field),
    };

    public abstract void Read(ParquetRowGroupReader group, int rows);

    /// <summary>
    /// The next row's value; false when it is null. <paramref name="bad"/> is the value as text and the reason (and
    /// <paramref name="value"/> 0) when it does not fit an <see cref="int"/> or is not whole; null otherwise.
    /// </summary>
    public abstract bool Next(out int value, out (string Raw, string Reason)? bad);

    private sealed class Of<T>(DataField field) : CountColumn
        where T : struct, IBinaryInteger<T>
    {
        private readonly ColumnBuffer<T> _values = new(field);

        public override void Read(ParquetRowGroupReader group, int rows) => _values.Read(group, rows);

        public override bool Next(out int value, out (string Raw, string Reason)? bad)
        {
            bad = null;
            if (!_values.Next(out T stored))
            {
                value = 0;
                return false;
            }

            long wide = long.CreateSaturating(stored);
            if (wide is >= int.MinValue and <= int.MaxValue)
            {
                value = (int)wide;
                return true;
            }

            value = 0;
            bad = (stored.ToString(null, CultureInfo.InvariantCulture), OutOfRangeReason);
            return true;
        }
    }

    /// <summary>A <c>DOUBLE</c>, <c>FLOAT</c> or <c>DECIMAL</c> column of counts: each value must be whole and fit an <see cref="int"/>.</summary>
    private sealed class Fractional(DataField field) : CountColumn
    {
        private readonly AmountColumn _values = AmountColumn.For(field);

        public override void Read(ParquetRowGroupReader group, int rows) => _values.Read(group, rows);

        public override bool Next(out int value, out (string Raw, string Reason)? bad)
        {
            bad = null;
            value = 0;
            if (!_values.Next(out double stored))
            {
                return false;
            }

            if (stored is >= int.MinValue and <= int.MaxValue && Math.Floor(stored) == stored)
            {
                value = (int)stored;
                return true;
            }

            bad = (stored.ToString("R", CultureInfo.InvariantCulture), double.IsFinite(stored) && Math.Floor(stored) == stored ? OutOfRangeReason : NotWholeReason);
            return true;
        }
    }
}
