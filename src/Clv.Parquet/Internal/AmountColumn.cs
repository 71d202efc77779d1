using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Clv.Parquet.Internal;

/// <summary>The amount column as doubles: <c>DOUBLE</c> as it is, <c>FLOAT</c> widened exactly, <c>DECIMAL</c> rounded to the nearest double, <c>INT32</c> and <c>INT64</c> converted.</summary>
internal sealed class AmountColumn
{
    private readonly ColumnBuffer<double>? _double;
    private readonly ColumnBuffer<float>? _single;
    private readonly ColumnBuffer<decimal>? _decimal;
    private readonly ColumnBuffer<int>? _int32;
    private readonly ColumnBuffer<long>? _int64;

    private AmountColumn(DataField field)
    {
        Name = field.Name;
        switch (Type.GetTypeCode(field.ClrType))
        {
            case TypeCode.Double: _double = new(field); break;
            case TypeCode.Single: _single = new(field); break;
            case TypeCode.Decimal: _decimal = new(field); break;
            case TypeCode.Int32: _int32 = new(field); break;
            default: _int64 = new(field); break;
        }
    }

    public string Name { get; }

    /// <summary>The numeric column named <paramref name="name"/>; <paramref name="role"/> ("amount", "quantity") names it in errors.</summary>
    public static AmountColumn Resolve(ParquetSchema schema, string name, string? path, string role = "amount")
    {
        var field = TransactionParquetReader.Find(schema, name, role, path);
        if (field is DateTimeDataField
            || Type.GetTypeCode(field.ClrType) is not (TypeCode.Double or TypeCode.Single or TypeCode.Decimal or TypeCode.Int32 or TypeCode.Int64))
        {
            throw TransactionParquetReader.WrongType(field, role, ThrowHelper.Format($"{(role == "amount" ? "an amount" : "a " + role)} must be DOUBLE, FLOAT, DECIMAL, INT32 or INT64"), path);
        }

        return new AmountColumn(field);
    }

    public void Read(ParquetRowGroupReader group, int rows)
    {
        _double?.Read(group, rows);
        _single?.Read(group, rows);
        _decimal?.Read(group, rows);
        _int32?.Read(group, rows);
        _int64?.Read(group, rows);
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
        else
        {
            has = _int64!.Next(out long l);
            amount = l;
        }

        return has;
    }
}
