namespace Clv.Plots.Internal;

/// <summary>
/// Quantiles without sorting: the plots need a few order statistics (a median, a 99th percentile) of up to millions of
/// values, and a selection finds each in linear time where a sort of a million doubles took a tenth of a second.
/// </summary>
internal static class OrderStatistics
{
    /// <summary>
    /// The <paramref name="k"/>-th smallest of <paramref name="values"/> (0-based), as <c>sorted[k]</c> would be; the values are
    /// reordered. Quickselect with a median-of-three pivot; a range that keeps failing to shrink is sorted instead, so the
    /// worst case stays <c>n log n</c>. The values must not be NaN.
    /// </summary>
    public static double Select(Span<double> values, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, values.Length);
        int lo = 0, hi = values.Length - 1;
        int budget = 2 * (32 - int.LeadingZeroCount(values.Length)) + 8;
        while (hi - lo >= 16)
        {
            if (--budget < 0)
            {
                values[lo..(hi + 1)].Sort();
                return values[k];
            }

            int mid = lo + ((hi - lo) / 2);
            double pivot = Median(values[lo], values[mid], values[hi]);
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }

            // [lo, j] <= pivot <= [i, hi], and anything between equals the pivot.
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                return values[k];
            }
        }

        values[lo..(hi + 1)].Sort();
        return values[k];
    }

    private static double Median(double a, double b, double c) => Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
}
