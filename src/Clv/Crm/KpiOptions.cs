using Clv.Internal;
using Clv.Lifecycle;

namespace Clv.Crm;

/// <summary>The period and the activity window of a <see cref="KpiReport"/>. Validated once per call; errors name the property path (<c>options.ActiveWindowDays</c>).</summary>
public sealed class KpiOptions
{
    /// <summary>The shared default options: calendar months, a 90-day activity window.</summary>
    public static KpiOptions Default { get; } = new();

    /// <summary>The calendar period of the rows: <see cref="CohortPeriod.Month"/> (the default) or <see cref="CohortPeriod.Quarter"/>.</summary>
    public CohortPeriod Period { get; init; } = CohortPeriod.Month;

    /// <summary>
    /// The activity window W in days: a customer is active on a day when they made a purchase in the W days ending on it (that
    /// day included), and has lapsed (churned) once W days pass without one. At least 1. Default 90.
    /// </summary>
    public int ActiveWindowDays { get; init; } = 90;

    /// <summary>Checks every option once; errors name the property path.</summary>
    /// <returns>This instance.</returns>
    internal KpiOptions Validate()
    {
        if (Period is not (CohortPeriod.Month or CohortPeriod.Quarter))
        {
            ThrowHelper.ArgumentOutOfRange("options.Period", Period, Guard.Format($"options.Period must be Month or Quarter, but was {(int)Period}."));
        }

        if (ActiveWindowDays < 1)
        {
            ThrowHelper.ArgumentOutOfRange("options.ActiveWindowDays", ActiveWindowDays, Guard.Format($"options.ActiveWindowDays must be at least 1, but was {ActiveWindowDays}."));
        }

        return this;
    }
}
