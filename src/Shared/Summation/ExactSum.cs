using System.Runtime.CompilerServices;

// Shared source: compiled into Clv, Clv.Plots, Clv.Tool and Clv.Orleans (each gets its own internal copy; packages share no internals).
#if CLV_PLOTS
namespace Clv.Plots.Internal;
#elif CLV_ORLEANS
namespace Clv.Orleans.Internal;
#elif CLV_TOOL
namespace Clv.Tool;
#else
namespace Clv.Internal;
#endif

/// <summary>
/// Sums of amounts kept as two doubles, a rounded sum and the rounding error left out of it (Knuth's TwoSum), and rounded
/// once at the end: a customer's same-day purchases then add up to the same double in any row order (a log read back in
/// another order, a database query without ORDER BY), where a plain running sum differed in the last digit
/// (1556.9999999999998 against 1557).
/// </summary>
/// <remarks>
/// The pair holds the sum exactly while the errors themselves add up exactly, which they do for the amounts of any currency
/// (their binary exponents within about 50 of one another); an overflow to infinity stays infinite. For any other finite
/// values (predictions, scores) the errors' own sum rounds too, so the pair holds the sum to about 100 bits rather than
/// exactly: the rounded sum is then the same in any order unless the exact sum is that close to a rounding boundary (of the
/// order of n 2^-54 for n values: about 1e-10 for a million customers).
/// </remarks>
internal static class ExactSum
{
    /// <summary>Adds <paramref name="amount"/> to <paramref name="sum"/> and returns the rounding error of that addition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Add(ref double sum, double amount)
    {
        double s = sum + amount;
        double b = s - sum;
        double error = (sum - (s - b)) + (amount - b);
        sum = s;
        return error;
    }

    /// <summary>The sum and its error rounded once (the sum itself when it overflowed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Round(double sum, double error) => double.IsFinite(sum) ? sum + error : sum;
}
