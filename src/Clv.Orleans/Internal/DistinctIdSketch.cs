using System.Numerics;

namespace Clv.Orleans.Internal;

/// <summary>
/// A HyperLogLog sketch of customer ids (Flajolet, Fusy, Gandouet and Meunier 2007): 2^16 one-byte registers over a
/// 64-bit hash of each id, so no large-range correction is needed (Heule, Nunkesser and Hall 2013), read with Ertl's
/// improved estimator. Sketches merge by the register-wise maximum, exactly as if one sketch had seen both sets of ids, so the
/// job compares the partitions' customer counts with the number of distinct ids over all of them without shipping ids.
/// </summary>
internal sealed class DistinctIdSketch
{
    /// <summary>The number of index bits: 2^16 registers, a relative standard error of 1.04 / 2^8 (0.41%).</summary>
    public const int Precision = 16;

    /// <summary>The number of registers (and bytes).</summary>
    public const int Registers = 1 << Precision;

    /// <summary>The estimator's relative standard error, 1.04 / √m.</summary>
    public static readonly double RelativeError = 1.04 / Math.Sqrt(Registers);

    private readonly byte[] _registers;

    public DistinctIdSketch()
        : this(new byte[Registers])
    {
    }

    private DistinctIdSketch(byte[] registers) => _registers = registers;

    /// <summary>Adds one id (adding it again changes nothing).</summary>
    public void Add(ReadOnlySpan<char> id)
    {
        ulong hash = Hash(id);
        int register = (int)(hash >> (64 - Precision));
        ulong rest = hash << Precision;
        byte rank = (byte)(Math.Min(BitOperations.LeadingZeroCount(rest), 64 - Precision) + 1);
        if (rank > _registers[register])
        {
            _registers[register] = rank;
        }
    }

    /// <summary>Folds <paramref name="other"/> into this sketch: afterwards it is the sketch of both sets of ids.</summary>
    public void Merge(DistinctIdSketch other)
    {
        for (int i = 0; i < Registers; i++)
        {
            _registers[i] = Math.Max(_registers[i], other._registers[i]);
        }
    }

    /// <summary>
    /// The estimated number of distinct ids added: Ertl's improved estimator (2017, "New cardinality estimation
    /// algorithms for HyperLogLog sketches", algorithm 6), which is unbiased from one id to 2^64 without the switch to
    /// linear counting and its bias near 2.5 m that the original estimator has.
    /// </summary>
    public double Estimate()
    {
        const int q = 64 - Precision;
        Span<int> counts = stackalloc int[q + 2];
        foreach (byte r in _registers)
        {
            counts[r]++;
        }

        double m = Registers;
        double z = m * Tau(1 - (counts[q + 1] / m));
        for (int k = q; k >= 1; k--)
        {
            z = 0.5 * (z + counts[k]);
        }

        z += m * Sigma(counts[0] / m);
        return 0.5 / Math.Log(2) * m * m / z;
    }

    /// <summary>σ(x) = x + Σ_{k≥1} x^(2^k) 2^(k−1); +∞ at x = 1 (an empty sketch, whose estimate is 0).</summary>
    private static double Sigma(double x)
    {
        if (x == 1)
        {
            return double.PositiveInfinity;
        }

        double y = 1, z = x, previous;
        do
        {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        }
        while (z != previous);
        return z;
    }

    /// <summary>τ(x) = (1 − x − Σ_{k≥1} (1 − x^(2^−k))² 2^−k) / 3; 0 at x = 0 and x = 1.</summary>
    private static double Tau(double x)
    {
        if (x == 0 || x == 1)
        {
            return 0;
        }

        double y = 1, z = 1 - x, previous;
        do
        {
            x = Math.Sqrt(x);
            previous = z;
            y *= 0.5;
            z -= (1 - x) * (1 - x) * y;
        }
        while (z != previous);
        return z / 3;
    }

    /// <summary>
    /// Null when <paramref name="customers"/> (the partitions' customer counts summed) agrees with the distinct ids
    /// estimated over all partitions; otherwise why the job cannot go on. The tolerance is six standard errors (2.5%):
    /// a split by date or by file size, where most repeat buyers appear in several partitions, is far beyond it; a
    /// handful of customers split across partitions is within it and goes unnoticed.
    /// </summary>
    public static string? OverlapMessage(long customers, double distinct)
    {
        if (customers <= distinct * (1 + (6 * RelativeError)))
        {
            return null;
        }

        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The shard files are not split by customer: the partitions hold {customers:N0} customers in all, but only about {distinct:N0} distinct customer ids (estimated within {100 * RelativeError:F1}%), so about {100 * (customers - distinct) / customers:F0}% of them also appear in another partition and would be scored twice from part of their history. Put every row of a customer in one partition's files (split by a hash of the customer id, not by date or by size).");
    }

    public byte[] ToBytes() => (byte[])_registers.Clone();

    public static DistinctIdSketch FromBytes(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length != Registers || bytes.Any(b => b > 64 - Precision + 1))
        {
            throw new InvalidDataException("A customer-id sketch must hold " + Registers + " registers of at most " + (64 - Precision + 1) + ", but had " + bytes.Length + " bytes.");
        }

        return new DistinctIdSketch((byte[])bytes.Clone());
    }

    /// <summary>FNV-1a over the id's UTF-16 code units, then MurmurHash3's 64-bit finaliser to spread the bits.</summary>
    internal static ulong Hash(ReadOnlySpan<char> id)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in id)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb93e185a1a53UL;
        h ^= h >> 33;
        return h;
    }
}
