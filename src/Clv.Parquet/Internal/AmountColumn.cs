using System.Numerics;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Clv.Parquet.Internal;

/// <summary>The amount column as doubles: <c>DOUBLE</c> as it is, <c>FLOAT</c> widened exactly, <c>DECIMAL</c> rounded to the nearest double, whole numbers (<c>INT8</c> to <c>INT64</c>, signed or unsigned) converted.</summary>
/// <remarks>
/// A <c>DECIMAL</c> stored as <c>INT32</c> or <c>INT64</c> (precision up to 18: DuckDB's, Spark's) is read as the unscaled
/// numbers stored and scaled here, to the same decimal Parquet.Net makes (unscaled × 10^-scale): Parquet.Net 6.1 decodes
/// those numbers in every encoding, but not a decimal in <c>DELTA_BINARY_PACKED</c> (DuckDB's <c>PARQUET_VERSION V2</c>).
/// A <c>DECIMAL</c> stored as bytes is left to Parquet.Net.
/// </remarks>
internal sealed class AmountColumn
{
    private readonly ColumnBuffer<double>? _double;
    private readonly ColumnBuffer<float>? _single;
    private readonly DecimalDataField? _decimalField;
    private readonly decimal _scaleFactor;
    private ColumnBuffer<decimal>? _decimal;
    private ColumnBuffer<int>? _decimal32;
    private ColumnBuffer<long>? _decimal64;
    private int _decimalStored;
    private readonly ColumnBuffer<int>? _int32;
    private readonly ColumnBuffer<long>? _int64;
    private readonly SmallNumbers? _other;

    private AmountColumn(DataField field)
    {
        Name = field.Name;
        switch (Type.GetTypeCode(field.ClrType))
        {
            case TypeCode.Double: _double = new(field); break;
            case TypeCode.Single: _single = new(field); break;
            case TypeCode.Decimal:
                _decimalField = field as DecimalDataField;
                _decimal = _decimalField is null ? new(field) : null;
                _scaleFactor = _decimalField is null ? 1 : (decimal)Math.Pow(10, -_decimalField.Scale);
                break;
            case TypeCode.Int32: _int32 = new(field); break;
            case TypeCode.Int64: _int64 = new(field); break;
            case TypeCode.SByte: _other = new SmallNumbers<sbyte>(field); break;
            case TypeCode.Byte: _other = new SmallNumbers<byte>(field); break;
            case TypeCode.Int16: _other = new SmallNumbers<short>(field); break;
            case TypeCode.UInt16: _other = new SmallNumbers<ushort>(field); break;
            case TypeCode.UInt32: _other = new SmallNumbers<uint>(field); break;
            default: _other = new SmallNumbers<ulong>(field); break;
        }
    }

    public string Name { get; }

    /// <summary>The numeric column named <paramref name="name"/>; <paramref name="role"/> ("amount", "quantity") names it in errors.</summary>
    public static AmountColumn Resolve(ParquetSchema schema, string name, string? path, string role = "amount")
    {
        var field = TransactionParquetReader.Find(schema, name, role, path);
        if (!IsNumber(field))
        {
            throw TransactionParquetReader.WrongType(field, role, ThrowHelper.Format($"{(role == "amount" ? "an amount" : "a " + role)} must be DOUBLE, FLOAT, DECIMAL or a whole number (INT8 to INT64, signed or unsigned)"), path);
        }

        return new AmountColumn(field);
    }

    /// <summary>Whether the column holds numbers this reads as doubles: <c>DOUBLE</c>, <c>FLOAT</c>, <c>DECIMAL</c>, or whole numbers (<c>INT8</c> to <c>INT64</c>, signed or unsigned).</summary>
    public static bool IsNumber(DataField field) =>
        field is not DateTimeDataField
        && Type.GetTypeCode(field.ClrType) is TypeCode.Double or TypeCode.Single or TypeCode.Decimal or TypeCode.Int32 or TypeCode.Int64
            or TypeCode.SByte or TypeCode.Byte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64;

    /// <summary>The column's reader (<paramref name="field"/> passes <see cref="IsNumber"/>).</summary>
    public static AmountColumn For(DataField field) => new(field);

    public void Read(ParquetRowGroupReader group, int rows)
    {
        _double?.Read(group, rows);
        _single?.Read(group, rows);
        if (_decimalField is not null)
        {
            ReadDecimals(group, rows);
        }

        _int32?.Read(group, rows);
        _int64?.Read(group, rows);
        _other?.Read(group, rows);
    }

    /// <summary>The next row's amount; false when it is null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(out double amount)
    {
        bool has;
        if (_double is not null)
        {
            return _double.Next(out amount);
        }

        if (_single is not null)
        {
            has = _single.Next(out float f);
            amount = f;
        }
        else if (_decimalField is not null)
        {
            has = NextDecimal(out amount);
        }
        else if (_int32 is not null)
        {
            has = _int32.Next(out int i);
            amount = i;
        }
        else if (_int64 is not null)
        {
            has = _int64.Next(out long l);
            amount = l;
        }
        else
        {
            has = _other!.Next(out amount);
        }

        return has;
    }

    /// <summary>Reads a group's <c>DECIMAL</c> values as the physical type its chunk stores them in (<c>INT32</c> or <c>INT64</c> unscaled numbers, else Parquet.Net's decimals).</summary>
    private void ReadDecimals(ParquetRowGroupReader group, int rows)
    {
        var field = _decimalField!;
        _decimalStored = group.GetMetadata(field)?.MetaData?.Type switch
        {
            global::Parquet.Meta.Type.INT32 => 32,
            global::Parquet.Meta.Type.INT64 => 64,
            _ => 0,
        };
        switch (_decimalStored)
        {
            case 32:
                (_decimal32 ??= new(DateColumn.Stored(field, typeof(int)))).Read(group, rows);
                break;
            case 64:
                (_decimal64 ??= new(DateColumn.Stored(field, typeof(long)))).Read(group, rows);
                break;
            default:
                (_decimal ??= new(field)).Read(group, rows);
                break;
        }
    }

    private bool NextDecimal(out double amount)
    {
        bool has;
        decimal m;
        switch (_decimalStored)
        {
            case 32:
                has = _decimal32!.Next(out int i);
                m = i * _scaleFactor;
                break;
            case 64:
                has = _decimal64!.Next(out long l);
                m = l * _scaleFactor;
                break;
            default:
                has = _decimal!.Next(out m);
                break;
        }

        amount = (double)m;
        return has;
    }

    /// <summary>
    /// The whole-number types DuckDB and Arrow write besides <c>INT32</c> and <c>INT64</c> (<c>TINYINT</c>, <c>SMALLINT</c> and the
    /// unsigned ones, as Parquet.Net decodes them): a <c>SMALLINT</c> quantity of order lines is common.
    /// </summary>
    private abstract class SmallNumbers
    {
        public abstract void Read(ParquetRowGroupReader group, int rows);

        public abstract bool Next(out double amount);
    }

    private sealed class SmallNumbers<T>(DataField field) : SmallNumbers
        where T : struct, INumberBase<T>
    {
        private readonly ColumnBuffer<T> _values = new(field);

        public override void Read(ParquetRowGroupReader group, int rows) => _values.Read(group, rows);

        public override bool Next(out double amount)
        {
            bool has = _values.Next(out T value);
            amount = has ? double.CreateChecked(value) : 0;
            return has;
        }
    }
}
