using Clv.Internal;

namespace Clv.Valuation;

/// <summary>
/// Which purchase days count toward a historical value: all of them up to the observation end, the last N
/// calendar months before it, or those since a given date. The window always ends at the summaries'
/// observation end (holdout days never count).
/// </summary>
public readonly record struct HistoricalWindow
{
    private readonly int _months;
    private readonly DateOnly? _since;

    private HistoricalWindow(int months, DateOnly? since)
    {
        _months = months;
        _since = since;
    }

    /// <summary>Every purchase day up to the observation end (the default).</summary>
    public static HistoricalWindow AllTime => default;

    /// <summary>Whether this is <see cref="AllTime"/>.</summary>
    public bool IsAllTime => _months == 0 && _since is null;

    /// <summary>
    /// Purchase days in the last <paramref name="months"/> calendar months up to the observation end, never 30-day months.
    /// At a month end they are whole months: for an observation end of 1997-09-30, three months cover 1997-07-01 to
    /// 1997-09-30 and one month is September; for 2024-04-30 one month is April. On any other day the window starts the day
    /// after the same calendar day <paramref name="months"/> months before (<see cref="DateOnly.AddMonths"/>): from
    /// 2024-03-15, one month covers 2024-02-16 to 2024-03-15. A window reaching back before 0001-01-01 covers every purchase
    /// day, as <see cref="AllTime"/> does.
    /// </summary>
    /// <param name="months">Number of calendar months, at least 1.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="months"/> is less than 1.</exception>
    public static HistoricalWindow LastMonths(int months)
    {
        if (months < 1)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(months), months, Guard.Format($"months must be at least 1, but was {months}."));
        }

        return new HistoricalWindow(months, null);
    }

    /// <summary>
    /// Purchase days on or after <paramref name="start"/>, up to the observation end. A start after the summaries'
    /// observation end holds no purchase day: it is refused where the window is used, with an
    /// <see cref="ArgumentOutOfRangeException"/> naming the option (<c>options.Window</c>) and both dates.
    /// </summary>
    /// <param name="start">The first day of the window (inclusive), at most the observation end.</param>
    /// <returns>The window.</returns>
    public static HistoricalWindow Since(DateOnly start) => new(0, start);

    /// <summary>
    /// Throws when this is a <see cref="Since"/> window starting after <paramref name="observationEnd"/>: no purchase day is in
    /// it, and every customer's value would be 0 less the costs without a word.
    /// </summary>
    /// <param name="observationEnd">The summaries' observation end.</param>
    /// <param name="path">The option's path for the message (<c>options.Window</c>).</param>
    internal void CheckStart(DateOnly observationEnd, string path)
    {
        if (_since is { } start && start > observationEnd)
        {
            ThrowHelper.ArgumentOutOfRange(path, start, Guard.Format(
                $"{path} is HistoricalWindow.Since({start:yyyy-MM-dd}), which starts after the observation end {observationEnd:yyyy-MM-dd}: no purchase day is in it. Give a start on or before {observationEnd:yyyy-MM-dd}."));
        }
    }

    /// <summary>The first day number (inclusive) of the window for an observation end.</summary>
    internal int FirstDayNumber(DateOnly observationEnd)
    {
        if (_since is { } s)
        {
            return s.DayNumber;
        }

        // Months reaching back before January of year 1: every day counts (DateOnly.AddMonths would throw).
        int monthsBack = ((observationEnd.Year - 1) * 12) + observationEnd.Month - 1;
        if (_months == 0 || _months > monthsBack)
        {
            return int.MinValue;
        }

        // At a month end the window is whole calendar months: from 2024-04-30 one month is April, not 03-31 (the day after
        // AddMonths(-1)'s 03-30) to 04-30, and from 1997-09-30 one month is September, not 08-31 to 09-30.
        return IsMonthEnd(observationEnd)
            ? new DateOnly(observationEnd.Year, observationEnd.Month, 1).AddMonths(1 - _months).DayNumber
            : observationEnd.AddMonths(-_months).DayNumber + 1;
    }

    private static bool IsMonthEnd(DateOnly day) => day.Day == DateTime.DaysInMonth(day.Year, day.Month);
}
