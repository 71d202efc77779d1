using Clv.Internal;

namespace Clv.Valuation;

/// <summary>
/// ABC classification of customers by cumulative share of value (Pareto's 80/20 as CRM teams use it): rank customers by a
/// per-customer value (historical spend, historical value, predicted CLV), and the A customers are the fewest top customers
/// who together bring <see cref="AbcOptions.AShare"/> of the total, B the next ones up to <see cref="AbcOptions.AShare"/> +
/// <see cref="AbcOptions.BShare"/>, C the rest.
/// </summary>
/// <remarks>
/// <para>The rule, exactly: with T the sum of the positive values, a customer of value v &gt; 0 is A when the value of the
/// customers worth strictly more than v is below AShare·T, B when it is below (AShare + BShare)·T, and C otherwise; values
/// of 0 or less are C. So the A customers bring at least AShare of the value, equal values always share a class, a higher
/// value never gets a lower class, and the order of the input does not matter. "Below" is judged to within the rounding of
/// the sums (n units in the last place of T): customers bringing exactly AShare·T (60 of 75 at 80%) have reached it, even
/// when the amounts (0.6 and 0.15) are not exact in binary.</para>
/// <para>The classes are aligned with the input: pass historical values (<see cref="HistoricalValue"/>) or predicted
/// customer lifetime values, one per summary, and index the result like the summaries.</para>
/// </remarks>
public static class AbcClassification
{
    /// <summary>The ABC class of every value.</summary>
    /// <param name="values">One value per customer (finite; negative values count as 0).</param>
    /// <param name="options">The class shares; <see cref="AbcOptions.Default"/> (80/15/5) when null.</param>
    /// <returns>One class per value, aligned with <paramref name="values"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite (the message names its index), or an option is out of range.</exception>
    public static AbcClass[] Classify(ReadOnlySpan<double> values, AbcOptions? options)
    {
        var result = new AbcClass[values.Length];
        Classify(values, options, result);
        return result;
    }

    /// <summary>The ABC class of every value, into <paramref name="destination"/>.</summary>
    /// <param name="values">One value per customer (finite; negative values count as 0).</param>
    /// <param name="options">The class shares; <see cref="AbcOptions.Default"/> (80/15/5) when null.</param>
    /// <param name="destination">One class per value, aligned with <paramref name="values"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not have one element per value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite (the message names its index), or an option is out of range.</exception>
    public static void Classify(ReadOnlySpan<double> values, AbcOptions? options, Span<AbcClass> destination)
    {
        options = (options ?? AbcOptions.Default).Validate();
        Guard.SameLength(values.Length, destination.Length);
        // The values as sort keys (non-negative doubles, whose bits order as the values do), radix sorted ascending: the same
        // order as a comparison sort, in a few linear passes.
        var keys = new ulong[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (!double.IsFinite(v))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(values), v, Guard.Format($"values[{i}] must be finite, but was {v}."));
            }

            keys[i] = RadixSort.Key(Math.Max(v, 0));
        }

        RadixSort.Sort(keys, new ulong[keys.Length]);

        // Descending, then the value strictly above each distinct value (summed in this fixed order, so ties agree).
        double total = Sum(keys);
        int scale = 0;
        if (double.IsPositiveInfinity(total))
        {
            // Values near 1e308 are finite but their sum overflows, and with an infinite total every limit below is NaN (every
            // customer C). Times 2^-64 (a power of two: the order and every share are the same) they sum finitely; a value
            // that underflows to 0 is a negligible share of such a total.
            scale = -64;
            for (int i = 0; i < keys.Length; i++)
            {
                keys[i] = RadixSort.Key(Math.ScaleB(BitConverter.UInt64BitsToDouble(keys[i]), scale));
            }

            total = Sum(keys);
        }

        // The value above v reaches a limit when it is within rounding of it: the sums and the shares carry a relative error
        // of at most about n units in the last place. With values 0.6 and 0.15 the top customer brings exactly 80%, but
        // 0.8 x 0.75 rounds to 0.6000000000000001, above the 0.6 it brings: without the slack 0.15 would be A too.
        double slack = Math.ScaleB(total, -52) * (keys.Length + 2);
        double aLimit = (options.AShare * total) - slack, bLimit = ((options.AShare + options.BShare) * total) - slack;
        double aFrom = double.PositiveInfinity, bFrom = double.PositiveInfinity;   // the smallest value still in A, in B
        double above = 0;
        for (int i = keys.Length - 1; i >= 0 && BitConverter.UInt64BitsToDouble(keys[i]) > 0;)
        {
            double v = BitConverter.UInt64BitsToDouble(keys[i]);
            if (above < aLimit)
            {
                aFrom = v;
            }

            if (above < bLimit)
            {
                bFrom = v;
            }

            for (; i >= 0 && BitConverter.UInt64BitsToDouble(keys[i]) == v; i--)
            {
                above += v;
            }
        }

        for (int i = 0; i < values.Length; i++)
        {
            double v = Math.ScaleB(values[i], scale);
            destination[i] = v > 0 && v >= aFrom ? AbcClass.A : v > 0 && v >= bFrom ? AbcClass.B : AbcClass.C;
        }
    }

    /// <summary>The sum of the sorted keys' values, largest first (the order the value above each customer is summed in).</summary>
    private static double Sum(ulong[] keys)
    {
        double total = 0;
        for (int i = keys.Length - 1; i >= 0; i--)
        {
            total += BitConverter.UInt64BitsToDouble(keys[i]);
        }

        return total;
    }
}
