namespace Clv.Rfm;

/// <summary>
/// Scores a population in one call: fits <see cref="RfmCutPoints"/> on it (<see cref="RfmCutPoints.Fit(CustomerSummaries, RfmOptions?)"/>)
/// and scores every customer with them. R from the days since the last purchase at the observation end (fewer days, higher R),
/// F from purchase days (or repeat purchases), M from total (or mean) net spend, each 1..k.
/// </summary>
/// <remarks>
/// Customers without purchase (leads) are not part of the population the quantiles come from and get <see cref="RfmScore.Lead"/>,
/// never a 1..k score. See <see cref="RfmCutPoints"/> for the quantile and tie rules.
/// </remarks>
public static class RfmScorer
{
    /// <summary>Fits cut points on <paramref name="customers"/> with the default options (k = 5) and scores every customer.</summary>
    /// <param name="customers">The population.</param>
    /// <returns>The scores, in customer order, with their cut points and the fit's warnings.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">No customer has a purchase.</exception>
    public static RfmScores Score(CustomerSummaries customers) => Score(customers, null);

    /// <summary>Fits cut points on <paramref name="customers"/> and scores every customer.</summary>
    /// <param name="customers">The population.</param>
    /// <param name="options">Scoring options; null for <see cref="RfmOptions.Default"/>.</param>
    /// <returns>The scores, in customer order, with their cut points and the fit's warnings (unused scores).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">No customer has a purchase, or custom breakpoints are invalid.</exception>
    public static RfmScores Score(CustomerSummaries customers, RfmOptions? options)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var scores = new RfmScore[customers.Count];
        var fit = RfmCutPoints.Fit(customers.AsSpan(), (options ?? RfmOptions.Default).Validate(), scores);
        return new RfmScores(scores, fit.Model, fit.Warnings);
    }

    /// <summary>Fits cut points on a span of summaries (a subset, a segment) and scores each of them.</summary>
    /// <param name="customers">The population.</param>
    /// <param name="options">Scoring options; null for <see cref="RfmOptions.Default"/>.</param>
    /// <returns>The scores, in the span's order, with their cut points and the fit's warnings.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="ArgumentException">No customer has a purchase, or custom breakpoints are invalid.</exception>
    public static RfmScores Score(ReadOnlySpan<CustomerSummary> customers, RfmOptions? options)
    {
        var scores = new RfmScore[customers.Length];
        var fit = RfmCutPoints.Fit(customers, (options ?? RfmOptions.Default).Validate(), scores);
        return new RfmScores(scores, fit.Model, fit.Warnings);
    }
}
