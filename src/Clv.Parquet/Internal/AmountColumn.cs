using System.Numerics;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Clv.Parquet.Internal;

/// <summary>The amount column as doubles: <c>DOUBLE</c> as it is, <c>FLOAT</c> widened exactly, <c>DECIMAL</c> rounded to the nearest double, whole numbers (<c>INT8</c> to <c>INT64</c>, signed or unsigned) converted.</summary>
internal sealed class AmountColumn
{
    private readonly ColumnBuffer<double>? _double;
    private readonly ColumnBuffer<float>? _single;
    private readonly ColumnBuffer<decimal>? _decimal;
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
            case TypeCode.Decimal: _decimal = new(field); break;
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
        _decimal?.Read(group, rows);
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
        else if (_decimal is not null)
        {
            has = _decimal.Next(out decimal m);
            amount = (double)m;
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
