using System.Buffers.Binary;
using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The whole input of a BG/NBD, MBG/NBD or Pareto/NBD fit: the distinct (x, t_x, T) rows of the customers with a purchase,
/// each with the number of customers who share it, plus the count of customers left out (no purchase). Immutable.
/// </summary>
/// <remarks>
/// <para>Statistics of disjoint parts of a customer base <see cref="Merge(IEnumerable{PurchaseStatistics})">merge</see>
/// into exactly the statistics of the whole, and a model fitted from merged statistics equals the model fitted from all
/// the summaries bit for bit (the rows are sorted canonically and the weights are whole numbers, added exactly). So the
/// summaries can be built where the data live (partitions, machines, a warehouse <c>GROUP BY x, t_x, T</c>), shipped
/// compactly with <see cref="ToBytes"/> (28 bytes per distinct row) and fitted once.</para>
/// <para>Fit with <see cref="BgNbdModel.Fit(PurchaseStatistics, FitOptions?)"/>, <see cref="MbgNbdModel.Fit(PurchaseStatistics, FitOptions?)"/>
/// or <see cref="ParetoNbdModel.Fit(PurchaseStatistics, FitOptions?)"/>.</para>
/// </remarks>
public sealed class PurchaseStatistics
{
    private const uint Magic = 0x50564C43; // "CLVP", little-endian
    private const byte FormatVersion = 1;
    private const int HeaderBytes = 4 + 1 + 1 + 8 + 4;
    private const int RowBytes = 4 + 8 + 8 + 8;

    private PurchaseStatistics(HistoryRows rows, TimeUnit timeUnit)
    {
        Rows = rows;
        TimeUnit = timeUnit;
    }

    /// <summary>The unit of every recency and age.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>Number of distinct (x, t_x, T) rows.</summary>
    public int Count => Rows.Count;

    /// <summary>Customers with a purchase: the sum of the rows' weights.</summary>
    public double Customers => Rows.TotalWeight;

    /// <summary>Customers left out because they have no purchase up to the observation end.</summary>
    public long ExcludedCount => Rows.Excluded;

    internal HistoryRows Rows { get; }

    /// <summary>The row at <paramref name="index"/> (rows are sorted by x, then t_x, then T), its weight the number of customers.</summary>
    /// <param name="index">From 0 to <see cref="Count"/> - 1.</param>
    public PurchaseHistory this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Rows.Count)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(index), index, Guard.Format($"index must be from 0 to {Rows.Count - 1}, but was {index}."));
            }

            return new PurchaseHistory(Rows.X[index], Rows.Recency[index], Rows.Age[index], Rows.Weight[index]);
        }
    }

    /// <summary>The statistics of every customer in <paramref name="customers"/>, in the summaries' time unit.</summary>
    /// <param name="customers">The calibration summaries (or a part of them).</param>
    /// <returns>The distinct rows with their counts; customers without a purchase are counted in <see cref="ExcludedCount"/>.</returns>
    public static PurchaseStatistics FromSummaries(CustomerSummaries customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return new PurchaseStatistics(HistoryRows.FromSummaries(customers.AsMemory(), CancellationToken.None), customers.TimeUnit);
    }

    /// <summary>The statistics of weighted histories (for example counts from a database query).</summary>
    /// <param name="histories">The histories, in <paramref name="timeUnit"/>; equal rows add their weights.</param>
    /// <param name="timeUnit">The unit of the recencies and ages.</param>
    /// <returns>The distinct rows with their weights.</returns>
    /// <exception cref="ArgumentException">A history has recency greater than age, or a weight is not a finite number greater than 0.</exception>
    public static PurchaseStatistics FromHistories(ReadOnlySpan<PurchaseHistory> histories, TimeUnit timeUnit)
    {
        PurchaseModel.CheckUnit(timeUnit, nameof(timeUnit));
        return new PurchaseStatistics(HistoryRows.FromHistories(histories, CancellationToken.None), timeUnit);
    }

    /// <summary>Combines the statistics of disjoint parts of a customer base into the statistics of the whole.</summary>
    /// <param name="parts">One or more parts, all in the same time unit.</param>
    /// <returns>The merged statistics: equal rows add their weights, excluded counts add.</returns>
    /// <exception cref="ArgumentException"><paramref name="parts"/> is empty or mixes time units (the message names both).</exception>
    public static PurchaseStatistics Merge(IEnumerable<PurchaseStatistics> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        if (list.Count == 0)
        {
            ThrowHelper.Argument(nameof(parts), "parts must hold at least one PurchaseStatistics.");
        }

        for (int i = 0; i < list.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(list[i], nameof(parts));
            if (list[i].TimeUnit != list[0].TimeUnit)
            {
                ThrowHelper.Argument(nameof(parts), Guard.Format($"Statistics to merge must share a time unit, but part 0 is in {list[0].TimeUnit} and part {i} in {list[i].TimeUnit}."));
            }
        }

        return new PurchaseStatistics(HistoryRows.Merge([.. list.Select(p => p.Rows)], list.Sum(p => p.ExcludedCount)), list[0].TimeUnit);
    }

    /// <summary>
    /// The statistics as bytes: a header (<c>CLVP</c>, format version, time unit, excluded count, row count) and 28 bytes per
    /// row (x as a 32-bit integer; t_x, T and the weight as 64-bit floats), little-endian. Read back with <see cref="FromBytes"/>.
    /// </summary>
    /// <returns>The serialised statistics.</returns>
    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderBytes + ((long)Count * RowBytes)];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, Magic);
        span[4] = FormatVersion;
        span[5] = (byte)TimeUnit;
        BinaryPrimitives.WriteInt64LittleEndian(span[6..], ExcludedCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[14..], Count);
        for (int i = 0; i < Count; i++)
        {
            var row = span.Slice(HeaderBytes + (i * RowBytes), RowBytes);
            BinaryPrimitives.WriteInt32LittleEndian(row, Rows.X[i]);
            BinaryPrimitives.WriteDoubleLittleEndian(row[4..], Rows.Recency[i]);
            BinaryPrimitives.WriteDoubleLittleEndian(row[12..], Rows.Age[i]);
            BinaryPrimitives.WriteDoubleLittleEndian(row[20..], Rows.Weight[i]);
        }

        return bytes;
    }

    /// <summary>Reads statistics written by <see cref="ToBytes"/>.</summary>
    /// <param name="bytes">The serialised statistics.</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="FormatException">The bytes are not Clv purchase statistics of a supported version, are truncated, or hold an
    /// invalid row; the message names the byte offset and the field.</exception>
    public static PurchaseStatistics FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            throw new FormatException("The bytes are not Clv purchase statistics: they do not start with the \"CLVP\" header.");
        }

        if (bytes[4] != FormatVersion)
        {
            throw new FormatException(Guard.Format($"Purchase statistics format version {bytes[4]} is not supported (this library reads version {FormatVersion})."));
        }

        var unit = (TimeUnit)bytes[5];
        if (unit is < TimeUnit.Day or > TimeUnit.Year)
        {
            throw new FormatException(Guard.Format($"Byte 5 (time unit) holds {bytes[5]}, which is not a TimeUnit."));
        }

        long excluded = BinaryPrimitives.ReadInt64LittleEndian(bytes[6..]);
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes[14..]);
        if (excluded < 0 || count < 0 || bytes.Length != HeaderBytes + ((long)count * RowBytes))
        {
            throw new FormatException(Guard.Format($"The header says {count} rows and {excluded} excluded customers, so {HeaderBytes + ((long)count * RowBytes)} bytes, but there are {bytes.Length}."));
        }

        var x = new int[count];
        var tx = new double[count];
        var t = new double[count];
        var w = new double[count];
        for (int i = 0; i < count; i++)
        {
            int offset = HeaderBytes + (i * RowBytes);
            var row = bytes.Slice(offset, RowBytes);
            x[i] = BinaryPrimitives.ReadInt32LittleEndian(row);
            tx[i] = BinaryPrimitives.ReadDoubleLittleEndian(row[4..]);
            t[i] = BinaryPrimitives.ReadDoubleLittleEndian(row[12..]);
            w[i] = BinaryPrimitives.ReadDoubleLittleEndian(row[20..]);
            if (x[i] < 0 || !(tx[i] >= 0) || !(t[i] >= tx[i]) || double.IsPositiveInfinity(t[i]) || (x[i] == 0 && tx[i] != 0) || !(w[i] > 0) || double.IsPositiveInfinity(w[i]))
            {
                throw new FormatException(Guard.Format($"Row {i} (bytes {offset} to {offset + RowBytes - 1}) is not a valid history: x {x[i]}, t_x {tx[i]}, T {t[i]}, weight {w[i]}."));
            }
        }

        return new PurchaseStatistics(HistoryRows.FromValidated(x, tx, t, w, excluded), unit);
    }
}
