namespace Clv.Rfm;

/// <summary>
/// A named customer segment with an English and a Chinese label. Two segments are equal when their English names are
/// equal (ordinal). The preset segments of the preset maps are static properties.
/// </summary>
public sealed class RfmSegment : IEquatable<RfmSegment>
{
    /// <summary>Creates a segment.</summary>
    /// <param name="name">The English name; not null or empty.</param>
    /// <param name="chineseName">The Chinese label; not null or empty.</param>
    /// <exception cref="ArgumentNullException">A name is null.</exception>
    /// <exception cref="ArgumentException">A name is empty.</exception>
    public RfmSegment(string name, string chineseName)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(chineseName);
        Name = name;
        ChineseName = chineseName;
    }

    /// <summary>RF grid: R 5, F 4-5. Bought recently and often.</summary>
    public static RfmSegment Champions { get; } = new("Champions", "冠军客户");

    /// <summary>RF grid: R 3-4, F 4-5. Buy often, fairly recently.</summary>
    public static RfmSegment LoyalCustomers { get; } = new("Loyal Customers", "忠诚客户");

    /// <summary>RF grid: R 4-5, F 2-3. Recent, a few purchases.</summary>
    public static RfmSegment PotentialLoyalists { get; } = new("Potential Loyalists", "潜在忠诚客户");

    /// <summary>RF grid: R 5, F 1. First purchase very recently.</summary>
    public static RfmSegment NewCustomers { get; } = new("New Customers", "新客户");

    /// <summary>RF grid: R 4, F 1. Recent, one purchase.</summary>
    public static RfmSegment Promising { get; } = new("Promising", "有潜力客户");

    /// <summary>RF grid: R 3, F 3. Average recency and frequency.</summary>
    public static RfmSegment NeedAttention { get; } = new("Need Attention", "需要关注客户");

    /// <summary>RF grid: R 3, F 1-2. Slipping away after few purchases.</summary>
    public static RfmSegment AboutToSleep { get; } = new("About To Sleep", "即将沉睡客户");

    /// <summary>RF grid: R 1-2, F 3-4. Used to buy often, not recently.</summary>
    public static RfmSegment AtRisk { get; } = new("At Risk", "有流失风险客户");

    /// <summary>RF grid: R 1-2, F 5. The most frequent buyers, gone quiet.</summary>
    public static RfmSegment CantLoseThem { get; } = new("Can't Lose Them", "不能失去的客户");

    /// <summary>RF grid: R 1-2, F 1-2. Few purchases, long ago.</summary>
    public static RfmSegment Hibernating { get; } = new("Hibernating", "休眠客户");

    /// <summary>Range map: R 1 after every other rule. Gone.</summary>
    public static RfmSegment Lost { get; } = new("Lost", "已流失客户");

    /// <summary>Range map fallback: no rule matched.</summary>
    public static RfmSegment Others { get; } = new("Others", "其他客户");

    /// <summary>Every preset map's segment for customers without purchase (<see cref="RfmScore.IsLead"/>).</summary>
    public static RfmSegment Lead { get; } = new("Lead", "未购买潜在客户");

    /// <summary>Eight-class map: R high, F high, M high.</summary>
    public static RfmSegment ImportantValue { get; } = new("Important Value", "重要价值客户");

    /// <summary>Eight-class map: R high, F low, M high.</summary>
    public static RfmSegment ImportantDevelopment { get; } = new("Important Development", "重要发展客户");

    /// <summary>Eight-class map: R low, F high, M high.</summary>
    public static RfmSegment ImportantRetention { get; } = new("Important Retention", "重要保持客户");

    /// <summary>Eight-class map: R low, F low, M high.</summary>
    public static RfmSegment ImportantWinBack { get; } = new("Important Win-back", "重要挽留客户");

    /// <summary>Eight-class map: R high, F high, M low.</summary>
    public static RfmSegment GeneralValue { get; } = new("General Value", "一般价值客户");

    /// <summary>Eight-class map: R high, F low, M low.</summary>
    public static RfmSegment GeneralDevelopment { get; } = new("General Development", "一般发展客户");

    /// <summary>Eight-class map: R low, F high, M low.</summary>
    public static RfmSegment GeneralRetention { get; } = new("General Retention", "一般保持客户");

    /// <summary>Eight-class map: R low, F low, M low.</summary>
    public static RfmSegment GeneralWinBack { get; } = new("General Win-back", "一般挽留客户");

    /// <summary>Value tiers: F high, M high.</summary>
    public static RfmSegment HighValue { get; } = new("High Value", "高价值客户");

    /// <summary>Value tiers: F low, M high (spends well, buys rarely: room to grow).</summary>
    public static RfmSegment Growth { get; } = new("Growth", "成长型客户");

    /// <summary>Value tiers: F high, M low (buys often, spends little: responds to price).</summary>
    public static RfmSegment PriceSensitive { get; } = new("Price-Sensitive", "价格敏感客户");

    /// <summary>Value tiers: F low, M low.</summary>
    public static RfmSegment LowValue { get; } = new("Low Value", "低价值客户");

    /// <summary>The English name, e.g. "Champions".</summary>
    public string Name { get; }

    /// <summary>The Chinese label, e.g. "冠军客户".</summary>
    public string ChineseName { get; }

    /// <summary>Returns whether two segments have the same English name.</summary>
    /// <param name="left">The first segment.</param>
    /// <param name="right">The second segment.</param>
    /// <returns>True when both are null or the names are equal.</returns>
    public static bool operator ==(RfmSegment? left, RfmSegment? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Returns whether two segments differ.</summary>
    /// <param name="left">The first segment.</param>
    /// <param name="right">The second segment.</param>
    /// <returns>True when the names differ.</returns>
    public static bool operator !=(RfmSegment? left, RfmSegment? right) => !(left == right);

    /// <inheritdoc/>
    public bool Equals(RfmSegment? other) => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RfmSegment);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <summary>The English name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;
}
