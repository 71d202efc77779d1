using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Clv.Parquet.Internal.Pages;

/// <summary>The encoding of one column chunk of <see cref="FlatFileWriter"/>.</summary>
internal sealed partial class FlatFileWriter
{
    /// <summary>
    /// Encodes one column chunk at a time into its pages (a dictionary page when there is one, then the data page, each after
    /// its header), with the chunk's metadata at offsets from the start of those pages. One per thread; its scratch buffers
    /// are reused from chunk to chunk.
    /// </summary>
    private sealed partial class Encoder
    {
        private readonly ArrayBufferWriter<byte> _pages = new(1 << 16);
        private readonly ArrayBufferWriter<byte> _body = new(1 << 16);
        private readonly ArrayBufferWriter<byte> _dictionary = new(1 << 10);
        private readonly ArrayBufferWriter<byte> _levelBytes = new(1 << 10);
        private readonly ArrayBufferWriter<byte> _header = new(256);
        private readonly Dictionary<string, int> _byInstance = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, int> _byValue = new(StringComparer.Ordinal);
        private readonly List<string> _entries = [];
        private readonly string?[] _recent = new string?[16];
        private readonly int[] _recentIndex = new int[16];
        private byte[] _compressed = [];
        private byte[] _compressedDictionary = [];
        private int[] _levels = [];
        private int[] _indices = [];
        private double[] _doubles = [];
        private int[] _ints = [];
        private int[] _slots = [];
        private int[] _integerEntries = [];
        private string[] _texts = [];

        /// <summary>The last chunk encoded, its offsets from the start of <see cref="Pages"/>.</summary>
        public Chunk Chunk { get; private set; } = null!;

        /// <summary>The last chunk's pages.</summary>
        public ReadOnlySpan<byte> Pages => _pages.WrittenSpan;

        private long Position => _pages.WrittenCount;

        /// <summary>Encodes rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 of <paramref name="column"/>: <see cref="Chunk"/> and <see cref="Pages"/>.</summary>
        public void Encode(FlatColumn column, int start, int count)
        {
            _pages.ResetWrittenCount();
            Grow(ref _levels, count);
            _body.ResetWrittenCount();
            _dictionary.ResetWrittenCount();
            int present = column.Kind switch
            {
                FlatKind.Double => Gather(column.Number!, start, count, ref _doubles),
                FlatKind.Int32 => Gather(column.Integer!, start, count, ref _ints),
                _ => GatherText(column.Text!, start, count),
            };

            // Definition levels: their byte length, then the hybrid with 1 bit a level.
            _levelBytes.ResetWrittenCount();
            HybridEncoder.Encode(_levels.AsSpan(0, count), 1, _levelBytes);
            BinaryPrimitives.WriteInt32LittleEndian(_body.GetSpan(4), _levelBytes.WrittenCount);
            _body.Advance(4);
            Append(_levelBytes.WrittenSpan, _body);

            // Text (unless marked distinct) and whole numbers of a small range go as a dictionary page and the indices, bit-packed.
            int entries = column.Kind switch
            {
                FlatKind.Text => column.Distinct ? 0 : Dictionary(present),
                FlatKind.Int32 => IntegerDictionary(present),
                _ => 0,
            };
            int encoding = entries > 0 ? RleDictionary : Plain;
            if (entries > 0)
            {
                int width = Math.Max(1, 32 - int.LeadingZeroCount(entries - 1));
                _body.GetSpan(1)[0] = (byte)width;
                _body.Advance(1);
                HybridEncoder.Encode(_indices.AsSpan(0, present), width, _body);
                if (column.Kind == FlatKind.Text)
                {
                    PlainText(_entries, _dictionary);
                }
                else
                {
                    Append(MemoryMarshal.AsBytes(_integerEntries.AsSpan(0, entries)), _dictionary);
                }
            }
            else
            {
                switch (column.Kind)
                {
                    case FlatKind.Double:
                        Append(MemoryMarshal.AsBytes(_doubles.AsSpan(0, present)), _body);
                        break;
                    case FlatKind.Int32:
                        Append(MemoryMarshal.AsBytes(_ints.AsSpan(0, present)), _body);
                        break;
                    default:
                        PlainText(_texts.AsSpan(0, present), _body);
                        break;
                }
            }

            // Snappy unless it saves under an eighth of the data page: near-random doubles hardly shrink, and reading them
            // uncompressed is faster. A page whose first 64 KiB do not shrink is not compressed at all (most of the cost saved).
            var body = _body.WrittenSpan;
            Grow(ref _compressed, Snappier.Snappy.GetMaxCompressedLength(body.Length));
            int compressed = body.Length;
            if (Worth(body.Length > SampleBytes ? Snappier.Snappy.Compress(body[..SampleBytes], _compressed) : 0, Math.Min(body.Length, SampleBytes)))
            {
                compressed = Snappier.Snappy.Compress(body, _compressed);
            }

            int codec = Worth(compressed, body.Length) ? Snappy : Uncompressed;

            var chunk = new Chunk { Kind = column.Kind, Name = column.Name, Values = count, Nulls = count - present, Codec = codec, Dictionary = entries > 0 };
            if (entries > 0)
            {
                chunk.DictionaryOffset = Position;
                var dictionary = _dictionary.WrittenSpan;
                if (codec == Snappy)
                {
                    Grow(ref _compressedDictionary, Snappier.Snappy.GetMaxCompressedLength(dictionary.Length));
                    Page(chunk, DictionaryPage, dictionary.Length, _compressedDictionary.AsSpan(0, Snappier.Snappy.Compress(dictionary, _compressedDictionary)), entries, Plain);
                }
                else
                {
                    Page(chunk, DictionaryPage, dictionary.Length, dictionary, entries, Plain);
                }
            }

            // The data page was compressed above to choose the codec: those bytes, or the page as it is.
            chunk.DataOffset = Position;
            Page(chunk, DataPage, body.Length, codec == Snappy ? _compressed.AsSpan(0, compressed) : body, count, encoding);
            Chunk = chunk;
        }

        private int Gather<T>(Func<int, T?> value, int start, int count, ref T[] values)
            where T : struct
        {
            Grow(ref values, count);
            int present = 0;
            for (int i = 0; i < count; i++)
            {
                if (value(start + i) is { } v)
                {
                    values[present++] = v;
                    _levels[i] = 1;
                }
                else
                {
                    _levels[i] = 0;
                }
            }

            return present;
        }

        private int GatherText(Func<int, string?> value, int start, int count)
        {
            Grow(ref _texts, count);
            int present = 0;
            for (int i = 0; i < count; i++)
            {
                if (value(start + i) is { } v)
                {
                    _texts[present++] = v;
                    _levels[i] = 1;
                }
                else
                {
                    _levels[i] = 0;
                }
            }

            return present;
        }

        private static void PlainText(ReadOnlySpan<string> values, ArrayBufferWriter<byte> output)
        {
            foreach (string value in values)
            {
                int max = Encoding.UTF8.GetMaxByteCount(value.Length);
                var span = output.GetSpan(4 + max);
                int length = Encoding.UTF8.GetBytes(value, span[4..]);
                BinaryPrimitives.WriteInt32LittleEndian(span, length);
                output.Advance(4 + length);
            }
        }

        private static void PlainText(List<string> values, ArrayBufferWriter<byte> output) => PlainText(CollectionsMarshal.AsSpan(values), output);

        private static void Append(ReadOnlySpan<byte> bytes, ArrayBufferWriter<byte> output)
        {
            bytes.CopyTo(output.GetSpan(bytes.Length));
            output.Advance(bytes.Length);
        }

        /// <summary>Makes <paramref name="array"/> at least <paramref name="length"/> long: a scratch buffer, its contents not kept.</summary>
        private static void Grow<T>(ref T[] array, int length)
        {
            if (array.Length < length)
            {
                array = new T[Math.Max(length, array.Length * 2)];
            }
        }

        /// <summary>A page: its header, then its bytes as stored (<paramref name="stored"/>, compressed or not).</summary>
        private void Page(Chunk chunk, int type, int uncompressed, ReadOnlySpan<byte> stored, int values, int encoding)
        {
            _header.ResetWrittenCount();
            var thrift = new ThriftWriter(_header);
            thrift.I32(1, type);
            thrift.I32(2, uncompressed);
            thrift.I32(3, stored.Length);
            thrift.BeginStruct(type == DataPage ? (short)5 : (short)7);
            thrift.I32(1, values);
            thrift.I32(2, encoding);
            if (type == DataPage)
            {
                thrift.I32(3, Rle);
                thrift.I32(4, Rle);
            }

            thrift.EndStruct();
            thrift.End();
            _header.WrittenSpan.CopyTo(_pages.GetSpan(_header.WrittenCount));
            _pages.Advance(_header.WrittenCount);
            stored.CopyTo(_pages.GetSpan(stored.Length));
            _pages.Advance(stored.Length);
            chunk.Uncompressed += _header.WrittenCount + uncompressed;
            chunk.Compressed += _header.WrittenCount + stored.Length;
        }
    }
}
