namespace Clv.Crm;

/// <summary>One band of a <see cref="HealthReport"/>.</summary>
/// <param name="Band">The band.</param>
/// <param name="Customers">Customers in the band.</param>
/// <param name="Share"><paramref name="Customers"/> over all customers, in [0, 1] (NaN when there are no customers).</param>
/// <param name="MeanScore">Mean health score of the band's customers; NaN for an empty band and for <see cref="HealthBand.NotScored"/>.</param>
/// <param name="TopReason">The signal most often the <see cref="CustomerHealth.Reason"/> in the band (ties: the signal listed first); null when empty or not scored.</param>
/// <param name="TopWeakest">The signal most often the <see cref="CustomerHealth.Weakest"/> in the band (ties: the signal listed first); null when empty or not scored.</param>
public readonly record struct HealthBandRow(HealthBand Band, int Customers, double Share, double MeanScore, string? TopReason, string? TopWeakest);
