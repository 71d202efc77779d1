namespace Clv.Crm;

/// <summary>
/// The KPIs of one calendar period of a <see cref="KpiReport"/>. W is <see cref="KpiOptions.ActiveWindowDays"/>; an order is a
/// customer's purchase day (a customer's purchases on one calendar day are one order, as in <see cref="CustomerSummary.PurchaseDays"/>);
/// revenue is gross (purchase amounts; refunds are reported apart). Ratios with a zero denominator are NaN.
/// </summary>
/// <param name="PeriodStart">The first day of the period (the report's start when the period begins before it).</param>
/// <param name="PeriodEnd">The last day of the period (the report's end when the period ends after it).</param>
/// <param name="CustomerBase">Active customers: customers with an order in the period or in the W days before it (not lapsed at its start, or buying in it). The ARPU denominator.</param>
/// <param name="PayingCustomers">Customers with at least one order in the period.</param>
/// <param name="NewCustomers">Paying customers whose first purchase in the log falls in the period.</param>
/// <param name="Orders">Orders (purchase days) in the period.</param>
/// <param name="Revenue">Gross revenue: the purchase amounts dated in the period.</param>
/// <param name="Refunds">The refunded amounts dated in the period, as a positive number.</param>
/// <param name="Arpu">Average revenue per user: <paramref name="Revenue"/> / <paramref name="CustomerBase"/>.</param>
/// <param name="Arppu">Average revenue per paying user: <paramref name="Revenue"/> / <paramref name="PayingCustomers"/>; at least <paramref name="Arpu"/>.</param>
/// <param name="AverageOrderValue">AOV: <paramref name="Revenue"/> / <paramref name="Orders"/>.</param>
/// <param name="PurchaseFrequency">Orders per paying customer: <paramref name="Orders"/> / <paramref name="PayingCustomers"/>; at least 1.</param>
/// <param name="RepeatCustomers">Paying customers with at least two orders up to the period's end (in it and before it): not one-time buyers.</param>
/// <param name="RepeatRate"><paramref name="RepeatCustomers"/> / <paramref name="PayingCustomers"/>, in [0, 1].</param>
/// <param name="ActiveAtStart">Customers active at the period's start: with an order in the W days before it.</param>
/// <param name="Churned">Customers active at the start who lapsed during the period: no order in the last W days up to the period's end.</param>
/// <param name="ChurnRate"><paramref name="Churned"/> / <paramref name="ActiveAtStart"/>, in [0, 1]: the monthly churn rate for monthly periods.</param>
public readonly record struct KpiRow(
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    int CustomerBase,
    int PayingCustomers,
    int NewCustomers,
    long Orders,
    double Revenue,
    double Refunds,
    double Arpu,
    double Arppu,
    double AverageOrderValue,
    double PurchaseFrequency,
    int RepeatCustomers,
    double RepeatRate,
    int ActiveAtStart,
    int Churned,
    double ChurnRate)
{
    /// <summary>Net revenue: <see cref="Revenue"/> less <see cref="Refunds"/>, the sum of every amount dated in the period.</summary>
    public double NetRevenue => Revenue - Refunds;
}
