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
public readonly struct CustomerSummary
{
    internal CustomerSummary(
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
        CustomerId = customerId;
        _unit = (byte)timeUnit;
        _firstDay = firstPurchase?.DayNumber ?? NoDay;
        _lastDay = lastPurchase?.DayNumber ?? NoDay;
        PurchaseDays = purchaseDays;
        Recency = recency;
        Age = age;
        _daysSinceLastPurchase = daysSinceLastPurchase ?? NoDay;
        Spend = spend;
        Refunds = refunds;
        MonetaryValue = monetaryValue;
        HoldoutPurchaseDays = holdoutPurchaseDays;
        HoldoutSpend = holdoutSpend;
    }

    // Dates are stored as day numbers with a sentinel (not as nullable fields) to keep the struct at 80 bytes:
    // a million summaries are 80 MB.
    private const int NoDay = int.MinValue;
    private readonly int _firstDay;
    private readonly int _lastDay;
    private readonly int _daysSinceLastPurchase;

    // The unit sits in the struct's padding: it stays at 80 bytes.
    private readonly byte _unit;

    /// <summary>The customer's identifier, exactly as it appeared in the log.</summary>
    public string CustomerId { get; }

    /// <summary>
    /// The unit of <see cref="Recency"/> and <see cref="Age"/>: the unit the summaries were built in. Every member that takes a
    /// summary converts it exactly to its own unit (a model fitted in weeks reads a summary in days correctly) or throws
    /// an <see cref="ArgumentException"/> naming both units.
    /// </summary>
    public TimeUnit TimeUnit => (TimeUnit)_unit;

    /// <summary>The first purchase day up to the observation end; null when the customer has no purchase.</summary>
    public DateOnly? FirstPurchase => _firstDay == NoDay ? null : DateOnly.FromDayNumber(_firstDay);

    /// <summary>The last purchase day up to the observation end; null when the customer has no purchase.</summary>
    public DateOnly? LastPurchase => _lastDay == NoDay ? null : DateOnly.FromDayNumber(_lastDay);

    /// <summary>Number of distinct purchase days up to the observation end (first purchase included).</summary>
    public int PurchaseDays { get; }

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

    /// <summary>Spend: the sum of all purchase amounts (zero or more) up to the observation end, gross (before refunds; see <see cref="NetSpend"/>).</summary>
    public double Spend { get; }

    /// <summary>Sum of refunded amounts up to the observation end, as a positive number.</summary>
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
}
