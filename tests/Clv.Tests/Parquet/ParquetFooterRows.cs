namespace Clv.Tests.Parquet;

/// <summary>
/// Rewrites the row counts in a Parquet file's footer (Thrift compact FileMetaData): the file's <c>num_rows</c> (field 3) and
/// every row group's (field 3 of each RowGroup in field 4), as a crafted file would claim them. Nothing else changes; the
/// footer's length at the file's end is updated (column chunks point into the data before the footer, which does not move).
/// </summary>
internal static class ParquetFooterRows
{
    public static byte[] Rewrite(byte[] file, long rows)
    {
        int length = BitConverter.ToInt32(file, file.Length - 8);
        int start = file.Length - 8 - length;
        var footer = file.AsSpan(start, length);
        var counts = new List<(int Start, int End)>();
        int p = 0;
        Struct(footer, ref p, counts, top: true, rowGroup: false);
        Assert.NotEmpty(counts);

        var output = new List<byte>(file.Length + 64);
        output.AddRange(file.AsSpan(0, start));
        int copied = 0;
        foreach (var (from, to) in counts)
        {
            output.AddRange(footer[copied..from]);
            ulong zigzag = (ulong)((rows << 1) ^ (rows >> 63));
            do
            {
                output.Add((byte)((zigzag & 0x7F) | (zigzag > 0x7F ? 0x80u : 0)));
                zigzag >>= 7;
            }
            while (zigzag != 0);
            copied = to;
        }

        output.AddRange(footer[copied..]);
        output.AddRange(BitConverter.GetBytes(output.Count - start));
        output.AddRange("PAR1"u8.ToArray());
        return [.. output];
    }

    private static void Struct(ReadOnlySpan<byte> b, ref int p, List<(int, int)> counts, bool top, bool rowGroup)
    {
        int id = 0;
        while (true)
        {
            byte header = b[p++];
            if (header == 0)
            {
                return;
            }

            int type = header & 0x0F;
            id = header >> 4 != 0 ? id + (header >> 4) : (short)ZigZag(Varint(b, ref p));
            if ((top || rowGroup) && id == 3 && type == 6)
            {
                int from = p;
                Varint(b, ref p);
                counts.Add((from, p));
                continue;
            }

            Value(b, ref p, type, counts, inList: false, rowGroups: top && id == 4);
        }
    }

    private static void Value(ReadOnlySpan<byte> b, ref int p, int type, List<(int, int)> counts, bool inList, bool rowGroups)
    {
        switch (type)
        {
            case 1 or 2:
                p += inList ? 1 : 0;
                break;
            case 3:
                p++;
                break;
            case 4 or 5 or 6:
                Varint(b, ref p);
                break;
            case 7:
                p += 8;
                break;
            case 8:
                {
                    int size = (int)Varint(b, ref p);   // read before p is: p += Varint(...) would add to the old p
                    p += size;
                    break;
                }

            case 9 or 10:
                {
                    byte head = b[p++];
                    ulong size = (ulong)(head >> 4);
                    if (size == 15)
                    {
                        size = Varint(b, ref p);
                    }

                    for (ulong i = 0; i < size; i++)
                    {
                        Value(b, ref p, head & 0x0F, counts, inList: true, rowGroups);
                    }

                    break;
                }

            case 11:
                {
                    ulong size = Varint(b, ref p);
                    if (size > 0)
                    {
                        byte types = b[p++];
                        for (ulong i = 0; i < size; i++)
                        {
                            Value(b, ref p, types >> 4, counts, inList: true, rowGroups: false);
                            Value(b, ref p, types & 0x0F, counts, inList: true, rowGroups: false);
                        }
                    }

                    break;
                }

            case 12:
                Struct(b, ref p, counts, top: false, rowGroup: rowGroups);
                break;
            default:
                throw new InvalidDataException($"Thrift type {type} in a footer.");
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> b, ref int p)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte next = b[p++];
            value |= (ulong)(next & 0x7F) << shift;
            if (next < 0x80)
            {
                return value;
            }
        }
    }

    private static long ZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);
}
