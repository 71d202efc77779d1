using System.Buffers.Binary;
using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The whole input of a Gamma-Gamma fit: the distinct (x, m_x) pairs of the repeat customers with a positive mean spend,
/// each with the number of customers who share it, plus the count of customers left out. Immutable.
/// </summary>
/// <remarks>
/// Like <see cref="PurchaseStatistics"/>: build it per part with <see cref="FromSummaries"/>, <see cref="Merge"/> any
/// number of parts, ship it with <see cref="ToBytes"/> (20 bytes per distinct pair) and fit with
/// <see cref="GammaGammaModel.Fit(SpendStatistics, FitOptions?)"/>; the model equals the fit on all summaries bit for bit.
/// </remarks>
public sealed class SpendStatistics
{
    private const uint Magic = 0x53564C43; // "CLVS", little-endian
    private const byte FormatVersion = 1;
    private const int HeaderBytes = 4 + 1 + 8 + 4;
    private const int RowBytes = 4 + 8 + 8;

    private readonly int[] _x;
    private readonly double[] _m;
    private readonly double[] _w;

    private SpendStatistics(SpendRows rows, long excluded)
    {
        (_x, _m, _w) = rows.Sorted();
        Customers = rows.TotalWeight;
        ExcludedCount = excluded;
    }

    /// <summary>Number of distinct (x, m_x) pairs.</summary>
    public int Count => _x.Length;

    /// <summary>Repeat customers with a positive mean spend: the sum of the weights.</summary>
    public double Customers { get; }

    /// <summary>Customers left out (no repeat purchase, or no positive mean spend).</summary>
    public long ExcludedCount { get; }

    /// <summary>The pair at <paramref name="index"/> (sorted by x, then m_x) and the number of customers who share it.</summary>
    /// <param name="index">From 0 to <see cref="Count"/> - 1.</param>
    /// <returns>Repeat frequency x, mean repeat spend m_x and the weight.</returns>
    public (int Frequency, double MonetaryValue, double Weight) this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_x.Length)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(index), index, Guard.Format($"index must be from 0 to {_x.Length - 1}, but was {index}."));
            }

            return (_x[index], _m[index], _w[index]);
        }
    }

    /// <summary>The statistics of every customer in <paramref name="customers"/>; those a Gamma-Gamma fit leaves out are counted.</summary>
    /// <param name="customers">The calibration summaries (or a part of them).</param>
    /// <returns>The distinct (x, m_x) pairs with their counts.</returns>
    public static SpendStatistics FromSummaries(CustomerSummaries customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var rows = SpendRows.FromSummaries(customers.AsSpan(), CancellationToken.None, out long excluded);
        return new SpendStatistics(rows, excluded);
    }

    /// <summary>Combines the statistics of disjoint parts of a customer base into the statistics of the whole.</summary>
    /// <param name="parts">One or more parts.</param>
    /// <returns>The merged statistics: equal pairs add their weights, excluded counts add.</returns>
    /// <exception cref="ArgumentException"><paramref name="parts"/> is empty.</exception>
    public static SpendStatistics Merge(IEnumerable<SpendStatistics> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var rows = new SpendRows();
        long excluded = 0;
        int count = 0;
        foreach (var part in parts)
        {
            ArgumentNullException.ThrowIfNull(part, nameof(parts));
            for (int i = 0; i < part.Count; i++)
            {
                rows.Add(part._x[i], part._m[i], part._w[i]);
            }

            excluded += part.ExcludedCount;
            count++;
        }

        if (count == 0)
        {
            ThrowHelper.Argument(nameof(parts), "parts must hold at least one SpendStatistics.");
        }

        return new SpendStatistics(rows, excluded);
    }

    /// <summary>
    /// The statistics as bytes: a header (<c>CLVS</c>, format version, excluded count, pair count) and 20 bytes per pair (x as
    /// a 32-bit integer; m_x and the weight as 64-bit floats), little-endian. Read back with <see cref="FromBytes"/>.
    /// </summary>
    /// <returns>The serialised statistics.</returns>
    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderBytes + ((long)Count * RowBytes)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        span[4] = FormatVersion;
        BinaryPrimitives.WriteInt64LittleEndian(span[5..], ExcludedCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[13..], Count);
        for (int i = 0; i < Count; i++)
        {
            var row = span.Slice(HeaderBytes + (i * RowBytes), RowBytes);
            BinaryPrimitives.WriteInt32LittleEndian(row, _x[i]);
            BinaryPrimitives.WriteDoubleLittleEndian(row[4..], _m[i]);
            BinaryPrimitives.WriteDoubleLittleEndian(row[12..], _w[i]);
        }

        return bytes;
    }

    /// <summary>Reads statistics written by <see cref="ToBytes"/>.</summary>
    /// <param name="bytes">The serialised statistics.</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="FormatException">The bytes are not Clv spend statistics of a supported version, are truncated, or hold an
    /// invalid pair; the message names the byte offset and the field.</exception>
    public static SpendStatistics FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            throw new FormatException("The bytes are not Clv spend statistics: they do not start with the \"CLVS\" header.");
        }

        if (bytes[4] != FormatVersion)
        {
            throw new FormatException(Guard.Format($"Spend statistics format version {bytes[4]} is not supported (this library reads version {FormatVersion})."));
        }

        long excluded = BinaryPrimitives.ReadInt64LittleEndian(bytes[5..]);
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes[13..]);
        if (excluded < 0 || count < 0 || bytes.Length != HeaderBytes + ((long)count * RowBytes))
        {
            throw new FormatException(Guard.Format($"The header says {count} pairs and {excluded} excluded customers, so {HeaderBytes + ((long)count * RowBytes)} bytes, but there are {bytes.Length}."));
        }

        var rows = new SpendRows();
        for (int i = 0; i < count; i++)
        {
            int offset = HeaderBytes + (i * RowBytes);
            var row = bytes.Slice(offset, RowBytes);
            int x = BinaryPrimitives.ReadInt32LittleEndian(row);
            double m = BinaryPrimitives.ReadDoubleLittleEndian(row[4..]), w = BinaryPrimitives.ReadDoubleLittleEndian(row[12..]);
            if (x < 1 || !(m > 0) || double.IsPositiveInfinity(m) || !(w > 0) || double.IsPositiveInfinity(w))
            {
                throw new FormatException(Guard.Format($"Pair {i} (bytes {offset} to {offset + RowBytes - 1}) is not valid: x {x}, m_x {m}, weight {w}."));
            }

            rows.Add(x, m, w);
        }

        return new SpendStatistics(rows, excluded);
    }

    /// <summary>The pairs as fit rows.</summary>
    internal SpendRows ToRows() => SpendRows.FromSorted(_x, _m, _w);
}
