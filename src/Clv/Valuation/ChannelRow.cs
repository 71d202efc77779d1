namespace Clv.Valuation;

/// <summary>The economics of one acquisition channel: one row of a <see cref="ChannelReport"/>.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Customers">Customers acquired through it.</param>
/// <param name="TotalValue">Sum of the customers' values.</param>
/// <param name="MeanValue">Mean value per customer.</param>
/// <param name="TotalAcquisitionCost">Sum of the acquisition costs.</param>
/// <param name="MeanAcquisitionCost">Mean acquisition cost per customer.</param>
/// <param name="ValueToCostRatio">Total value / total acquisition cost; null when nothing was spent.</param>
/// <param name="MeanMarginPerPeriod">Mean margin (an amount) per period per customer.</param>
/// <param name="PaybackPeriods">
/// Whole periods (of the report's <see cref="ChannelReport.MarginPeriod"/>) until the cumulative mean margin covers
/// the mean acquisition cost: the smallest k with k x <paramref name="MeanMarginPerPeriod"/> ≥ <paramref name="MeanAcquisitionCost"/>,
/// undiscounted; 0 when nothing was spent; null when the margin is not positive so the cost is never paid back, or when
/// paying it back would take more than <see cref="int.MaxValue"/> periods.
/// </param>
public readonly record struct ChannelRow(
    string Channel,
    int Customers,
    double TotalValue,
    double MeanValue,
    double TotalAcquisitionCost,
    double MeanAcquisitionCost,
    double? ValueToCostRatio,
    double MeanMarginPerPeriod,
    int? PaybackPeriods);
