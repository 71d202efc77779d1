namespace Clv.Rfm;

/// <summary>One segment's line of a <see cref="SegmentReport"/>.</summary>
/// <param name="Segment">The segment.</param>
/// <param name="Count">The number of customers in the segment (at least 1).</param>
/// <param name="Share">The segment's fraction of all customers in the report, 0..1.</param>
/// <param name="NetSpend">Total net spend (purchases less refunds) of the segment's customers up to the observation end.</param>
/// <param name="MeanDaysSinceLastPurchase">Mean days from the last purchase to the observation end; null for a segment of leads only (no purchase).</param>
/// <param name="MeanPurchaseDays">Mean number of purchase days per customer (leads count 0).</param>
public readonly record struct SegmentRow(RfmSegment Segment, int Count, double Share, double NetSpend, double? MeanDaysSinceLastPurchase, double MeanPurchaseDays)
{
    /// <summary>Mean net spend per customer: <see cref="NetSpend"/> / <see cref="Count"/>.</summary>
    public double MeanNetSpend => NetSpend / Count;
}
