using System.Runtime.CompilerServices;
using Clv.Internal;

namespace Clv.Lifecycle;

/// <summary>
/// The dates lifecycle members accept: from the first purchase day of the data to the summaries' holdout end. The first
/// day is found once per summaries object (one pass) and remembered for as long as the summaries live.
/// </summary>
internal static class LifecycleDates
{
    private static readonly ConditionalWeakTable<CustomerSummaries, StrongBox<int>> FirstDays = new();

    /// <summary>
    /// The earliest purchase day of any customer (calibration or holdout), or the observation end when it is earlier
    /// (no purchase at all, or only purchases after it).
    /// </summary>
    public static DateOnly FirstDay(CustomerSummaries customers) =>
        DateOnly.FromDayNumber(FirstDays.GetValue(customers, static c => new StrongBox<int>(FindFirstDay(c))).Value);

    /// <summary>Checks that <paramref name="date"/> lies in [<see cref="FirstDay"/>, holdout end].</summary>
    /// <exception cref="ArgumentOutOfRangeException">It does not; the message names the data's date range.</exception>
    public static void Check(CustomerSummaries customers, DateOnly date, [CallerArgumentExpression(nameof(date))] string paramName = "")
    {
        if (date > customers.HoldoutEnd)
        {
            var first = FirstDay(customers);
            ThrowHelper.ArgumentOutOfRange(paramName, date, Guard.Format(
                $"{paramName} ({date:yyyy-MM-dd}) is after the summaries' holdout end ({customers.HoldoutEnd:yyyy-MM-dd}): no data is available for it. The data run from {first:yyyy-MM-dd} to {customers.HoldoutEnd:yyyy-MM-dd}."));
        }

        if (date < FirstDay(customers))
        {
            var first = FirstDay(customers);
            ThrowHelper.ArgumentOutOfRange(paramName, date, Guard.Format(
                $"{paramName} ({date:yyyy-MM-dd}) is before the first purchase day of the data ({first:yyyy-MM-dd}): nobody was a customer yet. The data run from {first:yyyy-MM-dd} to {customers.HoldoutEnd:yyyy-MM-dd}."));
        }
    }

    private static int FindFirstDay(CustomerSummaries customers)
    {
        int first = customers.ObservationEnd.DayNumber;
        for (int i = 0; i < customers.Count; i++)
        {
            var days = customers.PurchaseDayNumbers(i);
            if (days.Length > 0 && days[0] < first)
            {
                first = days[0];
            }
        }

        return first;
    }
}
