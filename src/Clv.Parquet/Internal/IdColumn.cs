using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Parquet;
using Parquet.Schema;

namespace Clv.Parquet.Internal;

/// <summary>The customer id column: text taken as it is, whole numbers written as invariant decimal text, or UUIDs in their <c>"D"</c> text (as <c>Clv.Data.TransactionDb</c> reads a <see cref="Guid"/>).</summary>
internal sealed class IdColumn
{
    private readonly ColumnBuffer<ReadOnlyMemory<char>>? _text;
    private readonly ColumnBuffer<short>? _int16;
    private readonly ColumnBuffer<int>? _int32;
    private readonly ColumnBuffer<long>? _int64;
    private readonly ColumnBuffer<Guid>? _uuid;
    private readonly OtherNumbers? _other;

    /// <summary>Characters <see cref="Next"/> may write into its <c>digits</c>: a long's 20, a UUID's 36.</summary>
    public const int MaxDigits = 36;

    private IdColumn(DataField field)
    {
        Name = field.Name;
        if (TransactionParquetReader.IsText(field))
        {
            _text = new(field);
            return;
        }

        if (field.ClrType == typeof(Guid))
        {
            _uuid = new(field);
            return;
        }

        switch (Type.GetTypeCode(field.ClrType))
        {
            case TypeCode.Int16: _int16 = new(field); break;
            case TypeCode.Int32: _int32 = new(field); break;
            case TypeCode.Int64: _int64 = new(field); break;
            case TypeCode.SByte: _other = new OtherNumbers<sbyte>(field); break;
            case TypeCode.Byte: _other = new OtherNumbers<byte>(field); break;
            case TypeCode.UInt16: _other = new OtherNumbers<ushort>(field); break;
            case TypeCode.UInt32: _other = new OtherNumbers<uint>(field); break;
            default: _other = new OtherNumbers<ulong>(field); break;
        }
    }

    public string Name { get; }

    public static IdColumn Resolve(ParquetSchema schema, string name, string? path)
    {
        var field = TransactionParquetReader.Find(schema, name, "customer id", path);
        if (field is DateTimeDataField or DecimalDataField
            || (!TransactionParquetReader.IsText(field) && field.ClrType != typeof(Guid) && !CountColumn.IsWholeNumber(field)))
        {
            throw TransactionParquetReader.WrongType(field, "customer id", "a customer id must be STRING, UUID or a whole number (INT8 to INT64, signed or unsigned)", path);
        }

        return new IdColumn(field);
    }

    public void Read(ParquetRowGroupReader group, int rows)
    {
        _text?.Read(group, rows);
        _int16?.Read(group, rows);
        _int32?.Read(group, rows);
        _int64?.Read(group, rows);
        _uuid?.Read(group, rows);
        _other?.Read(group, rows);
    }

    /// <summary>
    /// The next row's id as text (<paramref name="digits"/> holds a number's text); false when it is null. For a text column,
    /// <paramref name="source"/> is the value as Parquet.Net decoded it: rows that share a dictionary entry share it, so
    /// equal sources are equal ids without comparing their text (<see cref="RowBlock.Add(ReadOnlySpan{char}, bool, DateOnly, double)"/>); empty for numbers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(Span<char> digits, out ReadOnlySpan<char> id, out ReadOnlyMemory<char> source)
    {
        id = default;
        source = default;
        if (_text is not null)
        {
            bool has = _text.Next(out source);
            id = source.Span;
            return has;
        }

        if (_uuid is not null)
        {
            bool has = _uuid.Next(out var uuid);
            if (has)
            {
                uuid.TryFormat(digits, out int length, "D");
                id = digits[..length];
            }

            return has;
        }

        if (_other is not null)
        {
            return _other.Next(digits, out id);
        }

        long number;
        bool present;
        if (_int16 is not null)
        {
            present = _int16.Next(out short v);
            number = v;
        }
        else if (_int32 is not null)
        {
            present = _int32.Next(out int v);
            number = v;
        }
        else
        {
            present = _int64!.Next(out number);
        }

        if (present)
        {
            number.TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
            id = digits[..written];
        }

        return present;
    }

    /// <summary>
    /// The whole-number ids DuckDB writes besides <c>INT16</c> to <c>INT64</c>: <c>TINYINT</c> and the unsigned ones, such as the
    /// <c>UBIGINT</c> of its <c>hash()</c>, a common pseudonymous customer id.
    /// </summary>
    private abstract class OtherNumbers
    {
        public abstract void Read(ParquetRowGroupReader group, int rows);

        public abstract bool Next(Span<char> digits, out ReadOnlySpan<char> id);
    }

    private sealed class OtherNumbers<T>(DataField field) : OtherNumbers
        where T : struct, IBinaryInteger<T>
    {
        private readonly ColumnBuffer<T> _values = new(field);

        public override void Read(ParquetRowGroupReader group, int rows) => _values.Read(group, rows);

        public override bool Next(Span<char> digits, out ReadOnlySpan<char> id)
        {
            id = default;
            if (!_values.Next(out T value))
            {
                return false;
            }

            value.TryFormat(digits, out int written, default, CultureInfo.InvariantCulture);
            id = digits[..written];
            return true;
        }
    }
}
