using Clv.Internal;

namespace Clv.Valuation;

/// <summary>
/// The average-based CLV of CRM articles: annual value times expected lifetime, less acquisition cost.
/// </summary>
/// <remarks>
/// <para>CLV = (annual purchase value x gross margin rate) x (1 / annual churn rate) - acquisition cost.
/// Every rate is per year: the expected lifetime 1 / churn is in years. It ignores discounting and
/// assumes a constant churn rate; <see cref="RetentionClv"/> is the discounted version.</para>
/// <para>From summaries, the annual purchase value of a group is its pooled net spend (purchases less refunds up
/// to the observation end) divided by its customer-years observed: for each customer, the days from the first
/// purchase to the observation end, both included, over 365.25. Customers without a purchase ("leads") are left out.</para>
/// </remarks>
public static class AverageClv
{
    /// <summary>The average-based CLV from its three inputs.</summary>
    /// <param name="annualPurchaseValue">Purchases per customer per year, in currency, at least 0.</param>
    /// <param name="grossMarginRate">Share of purchases that is margin, in [0, 1].</param>
    /// <param name="annualChurnRate">Share of customers lost per year, in (0, 1]; the expected lifetime is 1 / churn years.</param>
    /// <param name="acquisitionCost">Cost of acquiring a customer, at least 0.</param>
    /// <returns>The CLV per customer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range; a churn rate of 0 (an infinite lifetime) is rejected.</exception>
    public static double Compute(double annualPurchaseValue, double grossMarginRate, double annualChurnRate, double acquisitionCost = 0)
    {
        Guard.NonNegative(annualPurchaseValue);
        Guard.InRange(grossMarginRate, 0, 1);
        if (!(annualChurnRate > 0 && annualChurnRate <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(annualChurnRate), annualChurnRate, Guard.Format(
                $"annualChurnRate must be greater than 0 and at most 1 (the expected lifetime is 1 / churn years), but was {annualChurnRate}."));
        }

        Guard.NonNegative(acquisitionCost);
        return (annualPurchaseValue * grossMarginRate / annualChurnRate) - acquisitionCost;
    }

    /// <summary>The pooled annual purchase value of the customers at <paramref name="members"/>.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="members">Positions of the segment's customers in <paramref name="customers"/>.</param>
    /// <returns>Net spend per customer-year observed.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A position is out of range.</exception>
    /// <exception cref="ArgumentException">No member has a purchase.</exception>
    public static double AnnualPurchaseValue(CustomerSummaries customers, ReadOnlySpan<int> members)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var all = customers.AsSpan();
        int end = customers.ObservationEnd.DayNumber;
        double spend = 0, spendError = 0;   // summed exactly (ExactSum): the same in any order of the members
        long days = 0;
        foreach (int i in members)
        {
            if ((uint)i >= (uint)all.Length)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(members), i, Guard.Format($"Customer position {i} is outside 0..{all.Length - 1}."));
            }

            ref readonly var c = ref all[i];
            if (c.FirstPurchase is { } first)
            {
                spendError += ExactSum.Add(ref spend, c.NetSpend);
                days += end - first.DayNumber + 1;
            }
        }

        if (days == 0)
        {
            ThrowHelper.Argument(nameof(members), "The segment has no customer with a purchase, so it has no annual purchase value.");
        }

        return ExactSum.Round(spend, spendError) / (days / TimeUnitExtensions.DaysPerYear);
    }

    /// <summary>The average-based CLV of a segment, from its pooled annual purchase value.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="members">Positions of the segment's customers in <paramref name="customers"/>.</param>
    /// <param name="grossMarginRate">Share of purchases that is margin, in [0, 1].</param>
    /// <param name="annualChurnRate">Share of customers lost per year, in (0, 1].</param>
    /// <param name="acquisitionCost">Cost of acquiring a customer, at least 0.</param>
    /// <returns>The CLV per customer of the segment.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="ArgumentException">No member has a purchase, or the members' refunds exceed their purchases (a negative net spend).</exception>
    public static double ForSegment(CustomerSummaries customers, ReadOnlySpan<int> members, double grossMarginRate, double annualChurnRate, double acquisitionCost = 0) =>
        Compute(NonNegativeValue(customers, members, nameof(members)), grossMarginRate, annualChurnRate, acquisitionCost);

    /// <summary>The average-based CLV of the whole population.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="grossMarginRate">Share of purchases that is margin, in [0, 1].</param>
    /// <param name="annualChurnRate">Share of customers lost per year, in (0, 1].</param>
    /// <param name="acquisitionCost">Cost of acquiring a customer, at least 0.</param>
    /// <returns>The CLV per customer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="ArgumentException">No customer has a purchase.</exception>
    public static double ForPopulation(CustomerSummaries customers, double grossMarginRate, double annualChurnRate, double acquisitionCost = 0)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var all = new int[customers.Count];
        for (int i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }

        return ForSegment(customers, all, grossMarginRate, annualChurnRate, acquisitionCost);
    }

    /// <summary>The average-based CLV of one customer, from their own annual purchase value.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="index">The customer's position.</param>
    /// <param name="grossMarginRate">Share of purchases that is margin, in [0, 1].</param>
    /// <param name="annualChurnRate">Share of customers lost per year, in (0, 1].</param>
    /// <param name="acquisitionCost">Cost of acquiring a customer, at least 0.</param>
    /// <returns>The customer's CLV.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range (the error names <paramref name="index"/> for a position outside the summaries).</exception>
    /// <exception cref="ArgumentException">The customer has no purchase, or their refunds exceed their purchases (a negative net spend).</exception>
    public static double ForCustomer(CustomerSummaries customers, int index, double grossMarginRate, double annualChurnRate, double acquisitionCost = 0)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if ((uint)index >= (uint)customers.Count)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(index), index, Guard.Format($"index must be between 0 and {customers.Count - 1}, but was {index}."));
        }

        if (!customers[index].HasPurchase)
        {
            ThrowHelper.Argument(nameof(index), Guard.Format($"Customer '{customers[index].CustomerId}' (index {index}) has no purchase, so it has no annual purchase value."));
        }

        return Compute(NonNegativeValue(customers, [index], nameof(index)), grossMarginRate, annualChurnRate, acquisitionCost);
    }

    /// <summary>
    /// The members' annual purchase value, refused when negative with an error naming the members (refunds above purchases) rather
    /// than <see cref="Compute"/>'s about an <c>annualPurchaseValue</c> the caller never passed.
    /// </summary>
    private static double NonNegativeValue(CustomerSummaries customers, ReadOnlySpan<int> members, string paramName)
    {
        double value = AnnualPurchaseValue(customers, members);
        if (value < 0)
        {
            string who = members.Length == 1 ? Guard.Format($"Customer '{customers[members[0]].CustomerId}'") : Guard.Format($"The segment ({members.Length} customers)");
            ThrowHelper.Argument(paramName, Guard.Format(
                $"{who} has a negative net spend ({value} per customer-year): refunds exceed purchases, so there is no average-based CLV, which needs an annual purchase value of at least 0."));
        }

        return value;
    }
}
