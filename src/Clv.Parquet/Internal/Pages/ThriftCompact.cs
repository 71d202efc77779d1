namespace Clv.Parquet.Internal.Pages;

/// <summary>
/// The little of Thrift's compact protocol a Parquet page header needs: field headers, zigzag varints, and skipping any
/// field this reader does not use (statistics, future fields). Every read is bounds-checked: a truncated or malformed
/// header throws <see cref="PageFormatException"/>, never reads past its bytes.
/// </summary>
internal ref struct ThriftCompact(ReadOnlySpan<byte> bytes)
{
    public const byte Stop = 0, BoolTrue = 1, BoolFalse = 2, Byte = 3, I16 = 4, I32 = 5, I64 = 6, Binary = 8, Struct = 12;

    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _last;

    /// <summary>How many bytes were read.</summary>
    public int Position { get; private set; }

    /// <summary>Starts a nested struct: its field ids count from 0 again; returns the outer struct's last id for <see cref="EndStruct"/>.</summary>
    public int BeginStruct()
    {
        int outer = _last;
        _last = 0;
        return outer;
    }

    public void EndStruct(int outer) => _last = outer;

    /// <summary>The next field's id and type; type <see cref="Stop"/> at the struct's end.</summary>
    public (short Id, byte Type) ReadFieldHeader()
    {
        byte header = ReadByte();
        byte type = (byte)(header & 0x0F);
        if (header == 0)
        {
            return (0, Stop);
        }

        if (type == Stop)
        {
            throw new PageFormatException($"A field header 0x{header:X2} of no type in a page header.");
        }

        int delta = header >> 4;
        int id = delta != 0 ? _last + delta : (short)Varint.ZigZag(ReadVarint());
        _last = id;
        return ((short)id, type);
    }

    public int ReadI32(byte type)
    {
        if (type != I32)
        {
            throw new PageFormatException($"Expected an i32 field, found Thrift type {type}.");
        }

        return (int)Varint.ZigZag(ReadVarint());
    }

    /// <summary>
    /// Skips a value of <paramref name="type"/> (a whole struct with what it holds): the types a page header's fields have
    /// (parquet.thrift, statistics included: booleans, i32, i64, binary, structs). Other types (byte, i16, double, list,
    /// set, map) appear only in a spoilt header, where Parquet.Net reads some of them otherwise than the compact protocol
    /// writes them: this reader declines them, so that Parquet.Net reads or rejects the page (found by spoiling files'
    /// bytes, <c>TransactionParquetPageReaderTests</c>).
    /// </summary>
    public void Skip(byte type, int depth = 0)
    {
        if (depth > 32)
        {
            throw new PageFormatException("The page header nests deeper than 32 levels.");
        }

        switch (type)
        {
            case BoolTrue or BoolFalse:
                break;
            case I32 or I64:
                ReadVarint();
                break;
            case Binary:
                Advance(checked((int)ReadVarint()));
                break;
            case Struct:
                {
                    int outer = BeginStruct();
                    while (true)
                    {
                        var (_, field) = ReadFieldHeader();
                        if (field == Stop)
                        {
                            break;
                        }

                        Skip(field, depth + 1);
                    }

                    EndStruct(outer);
                    break;
                }

            case Byte or I16 or 7 or 9 or 10 or 11:
                // Valid Thrift (byte, i16, double, list, set, map), but in no page header field: left to Parquet.Net.
                throw new PageNotSupportedException($"Thrift type {type} in a page header.");
            default:
                throw new PageFormatException($"Unknown Thrift type {type} in a page header.");
        }
    }

    private byte ReadByte()
    {
        if (Position >= _bytes.Length)
        {
            throw new PageFormatException("The page header is cut short.");
        }

        return _bytes[Position++];
    }

    private void Advance(int count)
    {
        if (count < 0 || count > _bytes.Length - Position)
        {
            throw new PageFormatException("The page header is cut short.");
        }

        Position += count;
    }

    private ulong ReadVarint()
    {
        int p = Position;
        ulong value = Varint.Read(_bytes, ref p, "The page header");
        Position = p;
        return value;
    }
}
