using Clv.Internal;

namespace Clv;

/// <summary>
/// One row of a transaction log: a customer, a calendar date and an amount. Amounts below zero are refunds.
/// </summary>
public readonly record struct Transaction
{
    /// <summary>Creates a transaction.</summary>
    /// <param name="customerId">The customer's identifier, compared ordinally; not null or empty.</param>
    /// <param name="date">The calendar date of the transaction.</param>
    /// <param name="amount">The amount; negative for a refund. Must be finite.</param>
    /// <exception cref="ArgumentNullException"><paramref name="customerId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is NaN or infinite.</exception>
    public Transaction(string customerId, DateOnly date, double amount)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        Guard.Finite(amount);
        CustomerId = customerId;
        Date = date;
        Amount = amount;
    }

    /// <summary>
    /// A transaction from a CRM record's timestamp and <see cref="decimal"/> amount: the day is
    /// <see cref="CalendarDay.Of(DateTimeOffset, TimeZoneInfo?)"/> (the timestamp's own day, or its day in
    /// <paramref name="timeZone"/>), the amount the <see cref="double"/> .NET converts it to (relative error below 4e-16).
    /// </summary>
    /// <param name="customerId">The customer's identifier; not null or empty.</param>
    /// <param name="timestamp">When the transaction happened.</param>
    /// <param name="amount">The amount; negative for a refund.</param>
    /// <param name="timeZone">The zone whose calendar days count; null for the timestamp's own offset.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is empty.</exception>
    public static Transaction FromTimestamp(string customerId, DateTimeOffset timestamp, decimal amount, TimeZoneInfo? timeZone) =>
        new(customerId, CalendarDay.Of(timestamp, timeZone), (double)amount);

    /// <summary>
    /// A transaction from a CRM record's <see cref="DateTime"/> and <see cref="decimal"/> amount: the day is
    /// <see cref="CalendarDay.Of(DateTime, TimeZoneInfo?)"/> (the date as written; a UTC timestamp moved to
    /// <paramref name="timeZone"/> first), the amount the <see cref="double"/> .NET converts it to.
    /// </summary>
    /// <param name="customerId">The customer's identifier; not null or empty.</param>
    /// <param name="timestamp">When the transaction happened.</param>
    /// <param name="amount">The amount; negative for a refund.</param>
    /// <param name="timeZone">The zone whose calendar days count (used for UTC timestamps only); null for the date as written.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is empty.</exception>
    public static Transaction FromTimestamp(string customerId, DateTime timestamp, decimal amount, TimeZoneInfo? timeZone) =>
        new(customerId, CalendarDay.Of(timestamp, timeZone), (double)amount);

    /// <summary>The customer's identifier, exactly as given.</summary>
    public string CustomerId { get; }

    /// <summary>The calendar date of the transaction.</summary>
    public DateOnly Date { get; }

    /// <summary>The amount: a purchase when zero or more, a refund when below zero.</summary>
    public double Amount { get; }

    /// <summary>Whether this row is a refund (<see cref="Amount"/> below zero).</summary>
    public bool IsRefund => Amount < 0;
}
