namespace Clv.Rfm;

/// <summary>What the M of RFM measures. Both use net spend (purchases less refunds) up to the observation end.</summary>
public enum MonetaryMeasure
{
    /// <summary>Total net spend: <see cref="CustomerSummary.NetSpend"/>. The default.</summary>
    Total = 0,

    /// <summary>Mean net spend per purchase day: <see cref="CustomerSummary.NetSpend"/> / <see cref="CustomerSummary.PurchaseDays"/>, the first purchase included.</summary>
    Mean = 1,
}
