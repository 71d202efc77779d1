using System.Runtime.CompilerServices;
using Clv.Internal;

namespace Clv;

/// <summary>
/// What one customer did up to the observation end, and in the holdout period after it.
/// Built by <see cref="CustomerSummaries.FromTransactions"/>; purchases on the same calendar day are merged
/// into one purchase day (amounts summed), and refunds (negative amounts) never make a purchase day.
/// </summary>
/// <remarks>
/// <see cref="Frequency"/>, <see cref="Recency"/> and <see cref="Age"/> are the (x, t_x, T) statistics of the
/// buy-till-you-die literature (Fader, Hardie and Lee 2005), measured in the summaries' <see cref="TimeUnit"/>
/// as exact fractions (never floored). A customer whose only rows up to the observation end are refunds has
/// <see cref="HasPurchase"/> false, <see cref="Frequency"/>, <see cref="Recency"/> and <see cref="Age"/> 0 and
/// no purchase dates.
/// </remarks>
public readonly struct CustomerSummary : IEquatable<CustomerSummary>
{
    /// <summary>A summary whose id is <paramref name="id"/> (a string) or entry <paramref name="idIndex"/> of <paramref name="id"/> (a <see cref="CustomerIds"/>).</summary>
    internal CustomerSummary(
        object id,
        TimeUnit timeUnit,
        DateOnly? firstPurchase,
        DateOnly? lastPurchase,
        int purchaseDays,
        double recency,
        double age,
        int? daysSinceLastPurchase,
        double spend,
        double refunds,
        double monetaryValue,
        int holdoutPurchaseDays,
        double holdoutSpend,
        int idIndex = 0)
    {
        _id = id;
        _idIndex = idIndex;
        _purchaseDaysAndUnit = purchaseDays | ((int)timeUnit << UnitShift);
        _firstDay = firstPurchase?.DayNumber ?? NoDay;
        _lastDay = lastPurchase?.DayNumber ?? NoDay;
        Recency = recency;
        Age = age;
        _daysSinceLastPurchase = daysSinceLastPurchase ?? NoDay;
        Spend = spend;
        Refunds = refunds;
        MonetaryValue = monetaryValue;
        HoldoutPurchaseDays = holdoutPurchaseDays;
        HoldoutSpend = holdoutSpend;
    }

    /// <summary>
    /// Restores a summary from its stored fields (a summaries file written by Clv.Csv or Clv.Parquet, a database row), so
    /// that the batch members taking <see cref="ReadOnlySpan{T}"/> of summaries can score customers without their log.
    /// The fields are checked for consistency, not recomputed: values written from a built summary come back exactly.
    /// </summary>
    /// <param name="customerId">The customer's identifier; not null or empty.</param>
    /// <param name="timeUnit">The unit of <paramref name="recency"/> and <paramref name="age"/>.</param>
    /// <param name="firstPurchase">The first purchase day; null exactly when <paramref name="purchaseDays"/> is 0.</param>
    /// <param name="lastPurchase">The last purchase day, on or after the first; null exactly when <paramref name="purchaseDays"/> is 0.</param>
    /// <param name="purchaseDays">Distinct purchase days up to the observation end; at least 0 (1 when the first and last day are the same), at most the days from the first to the last purchase day.</param>
    /// <param name="recency">t_x in <paramref name="timeUnit"/>: finite, at least 0 and at most <paramref name="age"/>; 0 with at most one purchase day; the days from <paramref name="firstPurchase"/> to <paramref name="lastPurchase"/> in <paramref name="timeUnit"/>, within one period (so that spans counted in whole periods are taken, and values in another unit are not).</param>
    /// <param name="age">T in <paramref name="timeUnit"/>: finite and at least 0; 0 without a purchase; the days from <paramref name="firstPurchase"/> to the observation end (<paramref name="lastPurchase"/> plus <paramref name="daysSinceLastPurchase"/>) in <paramref name="timeUnit"/>, within one period.</param>
    /// <param name="daysSinceLastPurchase">Whole days from the last purchase day to the observation end, at least 0; null exactly when <paramref name="purchaseDays"/> is 0.</param>
    /// <param name="spend">Gross spend up to the observation end: finite, at least 0; 0 without a purchase.</param>
    /// <param name="refunds">Refunded amounts as a positive number: finite, at least 0.</param>
    /// <param name="monetaryValue">Mean spend per repeat purchase day: finite, at least 0; 0 with at most one purchase day.</param>
    /// <param name="holdoutPurchaseDays">Distinct purchase days in the holdout period; at least 0.</param>
    /// <param name="holdoutSpend">Spend in the holdout period: finite, at least 0.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customerId"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="customerId"/> is empty, or the fields contradict each other (the message names both), for example a recency or age that is not the dates' span in <paramref name="timeUnit"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeUnit"/> is undefined, or a count or amount is negative, NaN or infinite.</exception>
    public static CustomerSummary Create(
        string customerId,
        TimeUnit timeUnit,
        DateOnly? firstPurchase,
        DateOnly? lastPurchase,
        int purchaseDays,
        double recency,
        double age,
        int? daysSinceLastPurchase,
        double spend,
        double refunds,
        double monetaryValue,
        int holdoutPurchaseDays,
        double holdoutSpend)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (!Enum.IsDefined(timeUnit))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(timeUnit), timeUnit, Guard.Format($"timeUnit must be Day, Week, Month or Year, but was {(int)timeUnit}."));
        }

        Guard.NonNegative(purchaseDays);
        Guard.NonNegative(holdoutPurchaseDays);
        Guard.NonNegative(recency);
        Guard.NonNegative(age);
        Guard.NonNegative(spend);
        Guard.NonNegative(refunds);
        Guard.NonNegative(monetaryValue);
        Guard.NonNegative(holdoutSpend);
        bool has = purchaseDays > 0;
        if (firstPurchase.HasValue != has || lastPurchase.HasValue != has || daysSinceLastPurchase.HasValue != has)
        {
            ThrowHelper.Argument(nameof(firstPurchase), Guard.Format(
                $"firstPurchase ({firstPurchase:yyyy-MM-dd}), lastPurchase ({lastPurchase:yyyy-MM-dd}) and daysSinceLastPurchase ({daysSinceLastPurchase}) must be given exactly when purchaseDays ({purchaseDays}) is above 0."));
        }

        if (!has && (recency != 0 || age != 0 || spend != 0 || monetaryValue != 0))
        {
            ThrowHelper.Argument(nameof(purchaseDays), Guard.Format(
                $"A customer without a purchase day has recency, age, spend and monetaryValue 0, but they were {recency}, {age}, {spend} and {monetaryValue}."));
        }

        if (has)
        {
            if (lastPurchase < firstPurchase)
            {
                ThrowHelper.Argument(nameof(lastPurchase), Guard.Format($"lastPurchase ({lastPurchase:yyyy-MM-dd}) cannot be before firstPurchase ({firstPurchase:yyyy-MM-dd})."));
            }

            if ((lastPurchase == firstPurchase) != (purchaseDays == 1))
            {
                ThrowHelper.Argument(nameof(purchaseDays), Guard.Format($"purchaseDays ({purchaseDays}) must be 1 exactly when the first and last purchase days are the same ({firstPurchase:yyyy-MM-dd}, {lastPurchase:yyyy-MM-dd})."));
            }

            int span = lastPurchase!.Value.DayNumber - firstPurchase!.Value.DayNumber + 1;
            if (purchaseDays > span)
            {
                ThrowHelper.Argument(nameof(purchaseDays), Guard.Format($"purchaseDays ({purchaseDays}) cannot exceed the {span} days from firstPurchase ({firstPurchase:yyyy-MM-dd}) to lastPurchase ({lastPurchase:yyyy-MM-dd})."));
            }

            Guard.NonNegative(daysSinceLastPurchase!.Value, nameof(daysSinceLastPurchase));
            if (recency > age)
            {
                ThrowHelper.Argument(nameof(recency), Guard.Format($"Recency ({recency}) cannot exceed age ({age})."));
            }

            if (purchaseDays == 1 && (recency != 0 || monetaryValue != 0))
            {
                ThrowHelper.Argument(nameof(recency), Guard.Format($"A customer with one purchase day has recency and monetaryValue 0, but they were {recency} and {monetaryValue}."));
            }

            // Recency and age are the dates' spans in the unit: values in another unit (a file of days labelled weeks) would
            // be taken 7 times too long and every score built on them wrong without a word. One period of slack allows
            // spans counted in whole periods, as other tools do.
            int recencyDays = lastPurchase.Value.DayNumber - firstPurchase.Value.DayNumber;
            CheckSpan(nameof(recency), recency, recencyDays, timeUnit, Guard.Format($"from firstPurchase ({firstPurchase:yyyy-MM-dd}) to lastPurchase ({lastPurchase:yyyy-MM-dd})"));
            CheckSpan(nameof(age), age, (long)recencyDays + daysSinceLastPurchase.Value, timeUnit, Guard.Format(
                $"from firstPurchase ({firstPurchase:yyyy-MM-dd}) to the observation end (lastPurchase + daysSinceLastPurchase, {daysSinceLastPurchase} days later)"));
        }

        return new CustomerSummary(customerId, timeUnit, firstPurchase, lastPurchase, purchaseDays, recency, age, daysSinceLastPurchase, spend, refunds, monetaryValue, holdoutPurchaseDays, holdoutSpend);
    }

    /// <summary>Refuses a recency or age that is not the span of <paramref name="days"/> days in <paramref name="unit"/>, within one period.</summary>
    private static void CheckSpan(string name, double value, long days, TimeUnit unit, string span)
    {
        double unitDays = unit.LengthInDays();
        if (Math.Abs((value * unitDays) - days) <= unitDays * (1 + 1e-9))
        {
            return;
        }

        ThrowHelper.Argument(name, Guard.Format(
            $"{name} ({value}) is {value * unitDays:0.##} days in timeUnit {unit}, but the days {span} are {days}: {name} must be that span in {unit}s (within one {unit}). Are the values in another unit than the file says?"));
    }

    // Dates are stored as day numbers with a sentinel (not as nullable fields) to keep the struct at 80 bytes:
    // a million summaries are 80 MB.
    private const int NoDay = int.MinValue;

    // The unit sits in the top bits of the purchase-day count (at most the days a DateOnly spans, under 2^22).
    private const int UnitShift = 28;
    private const int PurchaseDaysMask = (1 << UnitShift) - 1;

    // The id: a string, or a CustomerIds (ids read as text, packed) and the entry's index in it.
    private readonly object _id;
    private readonly int _idIndex;
    private readonly int _purchaseDaysAndUnit;
    private readonly int _firstDay;
    private readonly int _lastDay;
    private readonly int _daysSinceLastPurchase;

    /// <summary>The customer's identifier, exactly as it appeared in the log.</summary>
    /// <remarks>
    /// Summaries built from text (a CSV file, a database cursor, <see cref="CustomerSummariesBuilder.Add(ReadOnlySpan{char}, DateOnly, double)"/>)
    /// keep ASCII ids packed in one shared buffer rather than as a string per customer (about 30 MB less for a million
    /// customers); for them each read of this property creates the string. Read it once per customer in a loop that needs it
    /// more than once.
    /// </remarks>
    public string CustomerId => _id is CustomerIds ids ? ids[_idIndex] : Unsafe.As<string>(_id);

    /// <summary>The packed ids this summary's id is an entry of; null when the id is kept as a string.</summary>
    internal CustomerIds? PackedIds => _id as CustomerIds;

    /// <summary>The entry of <see cref="PackedIds"/> holding the id.</summary>
    internal int PackedIdIndex => _idIndex;

    /// <summary>
    /// The unit of <see cref="Recency"/> and <see cref="Age"/>: the unit the summaries were built in. Every member that takes a
    /// summary converts it exactly to its own unit (a model fitted in weeks reads a summary in days correctly) or throws
    /// an <see cref="ArgumentException"/> naming both units.
    /// </summary>
    public TimeUnit TimeUnit => (TimeUnit)(_purchaseDaysAndUnit >>> UnitShift);

    /// <summary>The first purchase day up to the observation end; null when the customer has no purchase.</summary>
    public DateOnly? FirstPurchase => _firstDay == NoDay ? null : DateOnly.FromDayNumber(_firstDay);

    /// <summary>The last purchase day up to the observation end; null when the customer has no purchase.</summary>
    public DateOnly? LastPurchase => _lastDay == NoDay ? null : DateOnly.FromDayNumber(_lastDay);

    /// <summary>Number of distinct purchase days up to the observation end (first purchase included).</summary>
    public int PurchaseDays => _purchaseDaysAndUnit & PurchaseDaysMask;

    /// <summary>Whether the customer made at least one purchase up to the observation end.</summary>
    public bool HasPurchase => PurchaseDays > 0;

    /// <summary>Repeat frequency x: purchase days after the first one (<see cref="PurchaseDays"/> - 1, or 0 without purchase).</summary>
    public int Frequency => PurchaseDays > 0 ? PurchaseDays - 1 : 0;

    /// <summary>Recency t_x: time from the first to the last purchase day, in <see cref="TimeUnit"/>; 0 when x = 0.</summary>
    public double Recency { get; }

    /// <summary>Age T: time from the first purchase day to the observation end, in <see cref="TimeUnit"/>.</summary>
    public double Age { get; }

    /// <summary>Whole days from the last purchase day to the observation end; null when the customer has no purchase.</summary>
    public int? DaysSinceLastPurchase => _daysSinceLastPurchase == NoDay ? null : _daysSinceLastPurchase;

    /// <summary>
    /// Spend: the sum of all purchase amounts (zero or more) up to the observation end, gross (before refunds; see
    /// <see cref="NetSpend"/>). Each day's amounts are summed exactly and rounded once, so the same rows give the same value to
    /// the bit in any order (a file read back sorted otherwise, a database query without ORDER BY).
    /// </summary>
    public double Spend { get; }

    /// <summary>Sum of refunded amounts up to the observation end, as a positive number (summed exactly and rounded once: the same in any row order).</summary>
    public double Refunds { get; }

    /// <summary><see cref="Spend"/> less <see cref="Refunds"/>.</summary>
    public double NetSpend => Spend - Refunds;

    /// <summary>
    /// Mean spend per repeat purchase day (the first purchase day excluded), as the BTYD literature and the
    /// Gamma-Gamma model define it; 0 when x = 0.
    /// </summary>
    public double MonetaryValue { get; }

    /// <summary>Distinct purchase days after the observation end, up to the holdout end.</summary>
    public int HoldoutPurchaseDays { get; }

    /// <summary>Sum of purchase amounts after the observation end, up to the holdout end.</summary>
    public double HoldoutSpend { get; }

    /// <summary>Whether two summaries are equal: the same customer id (ordinal) and the same value in every field.</summary>
    /// <param name="left">The first summary.</param>
    /// <param name="right">The second summary.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(CustomerSummary left, CustomerSummary right) => left.Equals(right);

    /// <summary>Whether two summaries differ in the customer id or in any field.</summary>
    /// <param name="left">The first summary.</param>
    /// <param name="right">The second summary.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(CustomerSummary left, CustomerSummary right) => !left.Equals(right);

    /// <summary>Whether <paramref name="other"/> has the same customer id (ordinal) and the same value in every field, however each id is stored.</summary>
    /// <param name="other">The summary to compare with.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(CustomerSummary other) =>
        _purchaseDaysAndUnit == other._purchaseDaysAndUnit
        && _firstDay == other._firstDay
        && _lastDay == other._lastDay
        && _daysSinceLastPurchase == other._daysSinceLastPurchase
        && HoldoutPurchaseDays == other.HoldoutPurchaseDays
        && Recency.Equals(other.Recency)
        && Age.Equals(other.Age)
        && Spend.Equals(other.Spend)
        && Refunds.Equals(other.Refunds)
        && MonetaryValue.Equals(other.MonetaryValue)
        && HoldoutSpend.Equals(other.HoldoutSpend)
        && ((ReferenceEquals(_id, other._id) && _idIndex == other._idIndex) || string.Equals(CustomerId, other.CustomerId, StringComparison.Ordinal));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CustomerSummary other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(CustomerId is { } id ? string.GetHashCode(id, StringComparison.Ordinal) : 0, _purchaseDaysAndUnit, _lastDay, Spend);
}
