using System.Buffers;
using System.Buffers.Binary;

namespace Clv.Parquet.Internal.Pages;

/// <summary>The Thrift metadata of <see cref="FlatFileWriter"/>: page headers and the file's footer.</summary>
internal sealed partial class FlatFileWriter
{
    private void Footer(int rows)
    {
        var output = new ArrayBufferWriter<byte>(1 << 12);
        var thrift = new ThriftWriter(output);
        thrift.I32(1, 1);
        thrift.BeginList(2, ThriftCompact.Struct, _columns.Count + 1);
        thrift.BeginListStruct();
        thrift.String(4, "schema");
        thrift.I32(5, _columns.Count);
        thrift.EndStruct();
        foreach (var column in _columns)
        {
            thrift.BeginListStruct();
            thrift.I32(1, PhysicalType(column.Kind));
            thrift.I32(3, Optional);
            thrift.String(4, column.Name);
            if (column.Kind == FlatKind.Text)
            {
                thrift.I32(6, Utf8);
                thrift.BeginStruct(10);
                thrift.BeginStruct(1);
                thrift.EndStruct();
                thrift.EndStruct();
            }

            thrift.EndStruct();
        }

        thrift.I64(3, rows);
        thrift.BeginList(4, ThriftCompact.Struct, _groups.Count);
        foreach (var group in _groups)
        {
            thrift.BeginListStruct();
            thrift.BeginList(1, ThriftCompact.Struct, group.Chunks.Length);
            long uncompressed = 0, compressed = 0;
            foreach (var chunk in group.Chunks)
            {
                uncompressed += chunk.Uncompressed;
                compressed += chunk.Compressed;
                thrift.BeginListStruct();
                thrift.I64(2, chunk.Start);
                thrift.BeginStruct(3);
                thrift.I32(1, PhysicalType(chunk.Kind));
                thrift.BeginList(2, ThriftCompact.I32, chunk.Dictionary ? 3 : 2);
                thrift.I32Value(Plain);
                thrift.I32Value(Rle);
                if (chunk.Dictionary)
                {
                    thrift.I32Value(RleDictionary);
                }

                thrift.BeginList(3, ThriftCompact.Binary, 1);
                thrift.StringValue(chunk.Name);
                thrift.I32(4, chunk.Codec);
                thrift.I64(5, chunk.Values);
                thrift.I64(6, chunk.Uncompressed);
                thrift.I64(7, chunk.Compressed);
                thrift.I64(9, chunk.DataOffset);
                if (chunk.Dictionary)
                {
                    thrift.I64(11, chunk.DictionaryOffset);
                }

                thrift.BeginStruct(12);
                thrift.I64(3, chunk.Nulls);
                thrift.EndStruct();
                thrift.EndStruct();
                thrift.EndStruct();
            }

            thrift.I64(2, uncompressed);
            thrift.I64(3, group.Rows);
            thrift.I64(5, group.Start);
            thrift.I64(6, compressed);
            thrift.EndStruct();
        }

        thrift.String(6, "Clv.Parquet");
        thrift.End();
        Bytes(output.WrittenSpan);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, output.WrittenCount);
        Bytes(length);
        Bytes(Magic);
    }

    private static int PhysicalType(FlatKind kind) => kind switch
    {
        FlatKind.Int32 => NumberValues.Int32,
        FlatKind.Double => NumberValues.Double,
        _ => NumberValues.ByteArray,
    };

    private sealed record Group(long Start, int Rows, Chunk[] Chunks);

    private sealed class Chunk
    {
        public FlatKind Kind { get; init; }

        public string Name { get; init; } = "";

        public long Values { get; init; }

        public long Nulls { get; init; }

        public int Codec { get; init; }

        public bool Dictionary { get; init; }

        public long Start { get; private set; }

        public long DictionaryOffset { get; set; }

        public long DataOffset { get; set; }

        public long Uncompressed { get; set; }

        public long Compressed { get; set; }

        /// <summary>Moves the chunk's offsets (from the start of its encoder's pages) to where the pages are written in the file.</summary>
        public void MoveTo(long position)
        {
            Start += position;
            DictionaryOffset += Dictionary ? position : 0;
            DataOffset += position;
        }
    }
}
