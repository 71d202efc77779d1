namespace Clv.Lifecycle;

/// <summary>One non-empty stage at one date of a <see cref="LifecycleHistoryReport"/>.</summary>
/// <param name="Date">The date.</param>
/// <param name="Stage">The stage.</param>
/// <param name="Customers">Customers in <paramref name="Stage"/> at <paramref name="Date"/> (at least 1).</param>
/// <param name="Share">Share of all customers of the report, in (0, 1].</param>
public readonly record struct LifecycleHistoryRow(DateOnly Date, LifecycleStage Stage, int Customers, double Share);
