using System.Globalization;
using System.Numerics;
using Parquet;
using Parquet.Schema;

namespace Clv.Parquet.Internal;

/// <summary>
/// A whole-number column read as <see cref="int"/> values: <c>INT32</c> as it is, and the other widths other tools write
/// (<c>INT64</c> from DuckDB's <c>COUNT(*)</c> and <c>BIGINT</c>, Spark's <c>LongType</c>; <c>INT8</c>, <c>INT16</c> and the
/// unsigned ones) converted. A value beyond <see cref="int"/>'s range is not wrapped: <see cref="Next"/> gives its text
/// instead, for the row's bad value.
/// </summary>
internal abstract class CountColumn
{
    /// <summary>The reason for a whole number beyond <see cref="int"/>'s range.</summary>
    internal const string OutOfRangeReason = "The value is outside a 32-bit integer's range (-2147483648 to 2147483647).";

    /// <summary>Whether the column holds whole numbers of a width this reads (<c>INT8</c> to <c>INT64</c>, signed or unsigned; not <c>DECIMAL</c>, dates or timestamps).</summary>
    public static bool IsWholeNumber(DataField field) =>
        field is not (DecimalDataField or DateTimeDataField)
        && Type.GetTypeCode(field.ClrType) is TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
            or TypeCode.Int64 or TypeCode.UInt64;

    /// <summary>The column's reader (<paramref name="field"/> passes <see cref="IsWholeNumber"/>).</summary>
    public static CountColumn For(DataField field) => Type.GetTypeCode(field.ClrType) switch
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
    /// The next row's value; false when it is null. <paramref name="outOfRange"/> is the value as text (and
    /// <paramref name="value"/> 0) when it does not fit an <see cref="int"/>; null otherwise.
    /// </summary>
    public abstract bool Next(out int value, out string? outOfRange);

    private sealed class Of<T>(DataField field) : CountColumn
        where T : struct, IBinaryInteger<T>
    {
        private readonly ColumnBuffer<T> _values = new(field);

        public override void Read(ParquetRowGroupReader group, int rows) => _values.Read(group, rows);

        public override bool Next(out int value, out string? outOfRange)
        {
            outOfRange = null;
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
            outOfRange = stored.ToString(null, CultureInfo.InvariantCulture);
            return true;
        }
    }
}
