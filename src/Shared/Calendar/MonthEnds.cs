// Shared source: compiled into Clv and Clv.Plots (each gets its own internal copy; packages share no internals). It is
// kept apart from ../*.cs, which the reader packages compile whole.
#if CLV_PLOTS
namespace Clv.Plots.Internal;
#else
namespace Clv.Internal;
#endif

/// <summary>Calendar month ends in a range, found without stepping past December 9999.</summary>
internal static class MonthEnds
{
    /// <summary>Every month's last day from <paramref name="from"/> to <paramref name="to"/> (both inclusive), in order.</summary>
    public static List<DateOnly> Between(DateOnly from, DateOnly to)
    {
        var ends = new List<DateOnly>();
        for (var month = new DateOnly(from.Year, from.Month, 1); ;)
        {
            var end = month.AddDays(DateTime.DaysInMonth(month.Year, month.Month) - 1);
            if (end > to)
            {
                break;
            }

            if (end >= from)
            {
                ends.Add(end);
            }

            if (end == DateOnly.MaxValue)
            {
                break;
            }

            month = end.AddDays(1);
        }

        return ends;
    }
}
