namespace Clv.Probabilistic;

/// <summary>
/// The Gamma-Gamma model's independence check: the Pearson correlation between repeat frequency x and mean
/// repeat spend m_x over the repeat customers with positive spend. Values near 0 (CDNOW: 0.11) support the
/// assumption; strong correlation (beyond about ±0.3) means spend predictions are biased.
/// </summary>
/// <param name="Correlation">Pearson correlation of (x, m_x); NaN when either is constant or fewer than two customers qualify.</param>
/// <param name="Customers">The number of customers the correlation is computed over.</param>
public readonly record struct SpendIndependenceCheck(double Correlation, long Customers);
