using System.Buffers;
using System.Text;

namespace Clv.Parquet.Internal.Pages;

/// <summary>
/// The writing half of Thrift's compact protocol, as much as a Parquet file's page headers and footer need: field headers
/// (short form when the id grows by 1 to 15), zigzag varint integers, binary and string fields, lists and nested structs.
/// </summary>
internal sealed class ThriftWriter(ArrayBufferWriter<byte> output)
{
    private readonly Stack<int> _outer = new();
    private int _last;

    /// <summary>An i32 field.</summary>
    public void I32(short id, int value)
    {
        Field(id, ThriftCompact.I32);
        Varint.Write(output, ZigZag(value));
    }

    /// <summary>An i64 field.</summary>
    public void I64(short id, long value)
    {
        Field(id, ThriftCompact.I64);
        Varint.Write(output, ZigZag(value));
    }

    /// <summary>A bool field (the value is the field header's type).</summary>
    public void Bool(short id, bool value) => Field(id, value ? ThriftCompact.BoolTrue : ThriftCompact.BoolFalse);

    /// <summary>A string field (UTF-8).</summary>
    public void String(short id, string value)
    {
        Field(id, ThriftCompact.Binary);
        StringValue(value);
    }

    /// <summary>Starts a struct-valued field; close it with <see cref="EndStruct"/>.</summary>
    public void BeginStruct(short id)
    {
        Field(id, ThriftCompact.Struct);
        BeginListStruct();
    }

    /// <summary>Starts a struct that is an element of a list (no field header); close it with <see cref="EndStruct"/>.</summary>
    public void BeginListStruct()
    {
        _outer.Push(_last);
        _last = 0;
    }

    /// <summary>Ends the innermost struct (its stop byte) and returns to the struct around it.</summary>
    public void EndStruct()
    {
        Byte(ThriftCompact.Stop);
        _last = _outer.Pop();
    }

    /// <summary>A list field's header: <paramref name="count"/> elements of <paramref name="elementType"/> follow.</summary>
    public void BeginList(short id, byte elementType, int count)
    {
        Field(id, List);
        if (count < 15)
        {
            Byte((byte)((count << 4) | elementType));
        }
        else
        {
            Byte((byte)(0xF0 | elementType));
            Varint.Write(output, (ulong)count);
        }
    }

    /// <summary>An i32 element of a list.</summary>
    public void I32Value(int value) => Varint.Write(output, ZigZag(value));

    /// <summary>A string element of a list.</summary>
    public void StringValue(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        Varint.Write(output, (ulong)length);
        Encoding.UTF8.GetBytes(value, output.GetSpan(length));
        output.Advance(length);
    }

    /// <summary>Ends the outermost struct (the page header or the file's metadata).</summary>
    public void End()
    {
        Byte(ThriftCompact.Stop);
        _last = 0;
    }

    /// <summary>The list type of the compact protocol.</summary>
    public const byte List = 9;

    private void Field(short id, byte type)
    {
        int delta = id - _last;
        if (delta is > 0 and <= 15)
        {
            Byte((byte)((delta << 4) | type));
        }
        else
        {
            Byte(type);
            Varint.Write(output, ZigZag(id));
        }

        _last = id;
    }

    private void Byte(byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static ulong ZigZag(long n) => (ulong)((n << 1) ^ (n >> 63));
}
