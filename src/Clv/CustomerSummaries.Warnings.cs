using Clv.Internal;

namespace Clv;

/// <content>What looks wrong with the input without being an error: <see cref="Warnings"/>.</content>
public sealed partial class CustomerSummaries
{
    /// <summary>An observation end more than this many days after the log's latest row is reported in <see cref="Warnings"/>.</summary>
    internal const int LateObservationEndDays = 30;

    /// <summary>Without a holdout end, a latest row more than this many days (ten years) after the observation end is reported in <see cref="Warnings"/>.</summary>
    internal const int FarHoldoutDays = 3_653;

    /// <summary>An earliest row more than this many days (ten years) before the log's next date is reported in <see cref="Warnings"/>.</summary>
    internal const int EarlyGapDays = 3_653;

    /// <summary>
    /// A far-off last row without a holdout end, or an observation end well after the latest row (when rows were excluded,
    /// after an explicit holdout end itself on or after the observation end, the log's latest row is after the observation
    /// end, so there is no such warning); and an earliest row far before every other date.
    /// </summary>
    private static string[] WarningsFor(CustomerDays days, DateOnly observationEnd, DateOnly? holdoutEnd, int latestDay, RowCounts counts)
    {
        var warnings = new List<string>(0);
        if (EarlyDateWarning(days, observationEnd.DayNumber) is { } early)
        {
            warnings.Add(early);
        }

        int gap = observationEnd.DayNumber - latestDay;
        if (counts.Total > 0 && holdoutEnd is null && -gap > FarHoldoutDays)
        {
            warnings.Add(Guard.Format($"The last transaction ({DateOnly.FromDayNumber(latestDay):yyyy-MM-dd}) is {-gap:N0} days after the observation end ({observationEnd:yyyy-MM-dd}) and no holdout end was given, so the holdout period runs to it. A date that far off is usually a placeholder or a typo: correct the row, or give a holdout end (rows after it are left out)."));
        }
        else if (counts.Total > 0 && counts.Excluded == 0 && gap > LateObservationEndDays)
        {
            warnings.Add(Guard.Format($"The observation end ({observationEnd:yyyy-MM-dd}) is {gap:N0} days after the last transaction ({DateOnly.FromDayNumber(latestDay):yyyy-MM-dd}): every customer's age and time since the last purchase include those days with no data. Choose an observation end within {LateObservationEndDays} days of the data unless the gap is intended."));
        }

        return warnings.Count == 0 ? [] : [.. warnings];
    }

    /// <summary>
    /// The earliest row's date when it is more than <see cref="EarlyGapDays"/> before the log's next date, itself on or before
    /// the observation end: a placeholder such as 1900-01-01 or 1970-01-01 that a CRM export wrote for a
    /// missing date, which would stretch its customers' age over the gap (and every fit with them).
    /// </summary>
    private static string? EarlyDateWarning(CustomerDays days, int endDay)
    {
        var (earliest, customers, next) = days.EarliestDays();

        // Only a gap to a calibration date stretches an age; one to a holdout date leaves the earliest date the only one known.
        if (next > endDay || next - earliest <= EarlyGapDays)
        {
            return null;
        }

        return Guard.Format($"The earliest transaction ({DateOnly.FromDayNumber(earliest):yyyy-MM-dd}, the first row of {customers:N0} customer{(customers == 1 ? "" : "s")}) is {next - earliest:N0} days before the next date in the log ({DateOnly.FromDayNumber(next):yyyy-MM-dd}). A date that far off is usually a placeholder or a typo: it stretches those customers' age and recency over the gap, and every model fitted to them. Correct or remove those rows.");
    }
}
