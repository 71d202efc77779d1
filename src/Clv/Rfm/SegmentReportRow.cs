namespace Clv.Rfm;

/// <summary>One segment's line of a <see cref="SegmentReport"/>.</summary>
public sealed class SegmentReportRow
{
    internal SegmentReportRow(RfmSegment segment, int count, double share, double totalSpend, double? meanDaysSinceLastPurchase, double meanPurchaseDays)
    {
        Segment = segment;
        Count = count;
        Share = share;
        TotalSpend = totalSpend;
        MeanDaysSinceLastPurchase = meanDaysSinceLastPurchase;
        MeanPurchaseDays = meanPurchaseDays;
    }

    /// <summary>The segment.</summary>
    public RfmSegment Segment { get; }

    /// <summary>The number of customers in the segment (at least 1).</summary>
    public int Count { get; }

    /// <summary>The segment's fraction of all customers in the report, 0..1.</summary>
    public double Share { get; }

    /// <summary>Total net spend (purchases less refunds) of the segment's customers up to the observation end.</summary>
    public double TotalSpend { get; }

    /// <summary>Mean net spend per customer: <see cref="TotalSpend"/> / <see cref="Count"/>.</summary>
    public double MeanSpend => TotalSpend / Count;

    /// <summary>Mean days from the last purchase to the observation end; null for a segment of leads only (no purchase).</summary>
    public double? MeanDaysSinceLastPurchase { get; }

    /// <summary>Mean number of purchase days per customer (leads count 0).</summary>
    public double MeanPurchaseDays { get; }
}
