using Clv.Internal;

namespace Clv.Valuation;

/// <summary>How a customer's historical value is computed from what they bought. Validated once per call; errors name the property (<c>options.MarginRate</c>).</summary>
public sealed class HistoricalValueOptions
{
    /// <summary>The shared default options: margin rate 1 (amounts are already profit), no costs, all time.</summary>
    public static HistoricalValueOptions Default { get; } = new();

    /// <summary>The margin rate: the share of each purchase amount that is margin, in [0, 1]. Default 1 (amounts are profit).</summary>
    public double MarginRate { get; init; } = 1.0;

    /// <summary>Cost of acquiring each customer, an amount subtracted once, at least 0. Default 0.</summary>
    public double AcquisitionCost { get; init; }

    /// <summary>Cost of serving each customer over the window, an amount subtracted once, at least 0. Default 0.</summary>
    public double ServiceCost { get; init; }

    /// <summary>Which purchase days count. Default <see cref="HistoricalWindow.AllTime"/>.</summary>
    public HistoricalWindow Window { get; init; }

    /// <summary>Checks every option once; errors name the property by its path from the caller's parameter (<c>options.MarginRate</c>, or <c>options.HistoricalValue.MarginRate</c> inside other options).</summary>
    /// <param name="path">The path of these options.</param>
    /// <returns>This instance.</returns>
    internal HistoricalValueOptions Validate(string path = "options")
    {
        Guard.InRange(MarginRate, 0, 1, path + ".MarginRate");
        Guard.NonNegative(AcquisitionCost, path + ".AcquisitionCost");
        Guard.NonNegative(ServiceCost, path + ".ServiceCost");
        return this;
    }
}
