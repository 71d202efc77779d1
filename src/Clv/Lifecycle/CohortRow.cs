namespace Clv.Lifecycle;

/// <summary>One cell of a <see cref="CohortReport"/>: a cohort in one period since its own.</summary>
/// <param name="CohortStart">The first day of the cohort's period (the customers' first-purchase period).</param>
/// <param name="PeriodsSince">Whole periods since the cohort's period, 0 for the cohort's own period.</param>
/// <param name="PeriodStart">The first day of the cell's period.</param>
/// <param name="CohortSize">Customers in the cohort (at least 1).</param>
/// <param name="ActiveCustomers">Customers of the cohort with at least one purchase day in the cell's period.</param>
/// <param name="RetentionShare"><paramref name="ActiveCustomers"/> over <paramref name="CohortSize"/>, in [0, 1]; 1 in period 0.</param>
/// <param name="Spend">Gross spend: the purchase amounts of the cohort's customers in the cell's period (refunds are not dated per purchase and are not deducted).</param>
public readonly record struct CohortRow(DateOnly CohortStart, int PeriodsSince, DateOnly PeriodStart, int CohortSize, int ActiveCustomers, double RetentionShare, double Spend);
