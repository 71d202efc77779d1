namespace Clv.Rfm;

/// <summary>What the F of RFM counts.</summary>
/// <remarks>
/// Quantile scores are the same for both measures (one is the other minus 1); the choice matters for custom
/// breakpoints, for the stored cut points and for the segment report.
/// </remarks>
public enum FrequencyMeasure
{
    /// <summary>Distinct purchase days up to the observation end, the first one included (1 for a one-time buyer). The default.</summary>
    PurchaseDays = 0,

    /// <summary>Repeat purchase days x = purchase days - 1 (0 for a one-time buyer), as in the BTYD literature.</summary>
    RepeatPurchases = 1,
}
