namespace Clv.Lifecycle;

/// <summary>The calendar period that groups customers into cohorts and measures time since acquisition.</summary>
public enum CohortPeriod
{
    /// <summary>Calendar months.</summary>
    Month = 0,

    /// <summary>Calendar quarters (January to March, April to June, ...).</summary>
    Quarter = 1,
}
