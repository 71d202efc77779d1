namespace Clv.Valuation;

/// <summary>How a customer's historical value is computed from what they bought.</summary>
public sealed class HistoricalValueOptions
{
    /// <summary>Default options: margin rate 1 (amounts are already profit), no costs, all time.</summary>
    public static HistoricalValueOptions Default { get; } = new();

    /// <summary>The share of each purchase amount that is margin, in [0, 1]. Default 1 (amounts are profit).</summary>
    public double MarginRate { get; init; } = 1.0;

    /// <summary>Cost of acquiring each customer, subtracted once, at least 0. Default 0.</summary>
    public double AcquisitionCost { get; init; }

    /// <summary>Cost of serving each customer over the window, subtracted once, at least 0. Default 0.</summary>
    public double ServiceCost { get; init; }

    /// <summary>Which purchase days count. Default <see cref="HistoricalWindow.AllTime"/>.</summary>
    public HistoricalWindow Window { get; init; }
}
