namespace Clv;

/// <summary>
/// The unit in which recency, age and model time are measured. Lengths are exact: a week is 7 days,
/// a month is 365.25 / 12 = 30.4375 days and a year is 365.25 days (never a 30-day month).
/// </summary>
/// <remarks>Use <see cref="TimeUnitExtensions"/> to convert between days and units.</remarks>
public enum TimeUnit
{
    /// <summary>One calendar day.</summary>
    Day = 0,

    /// <summary>Seven days.</summary>
    Week = 1,

    /// <summary>A twelfth of a 365.25-day year: 30.4375 days.</summary>
    Month = 2,

    /// <summary>365.25 days.</summary>
    Year = 3,
}
