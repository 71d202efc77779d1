using Clv.Plots.Internal;

namespace Clv.Plots;

/// <summary>
/// One self-contained HTML file of a whole analysis: data summary (and the summaries' warnings), model fits with standard errors and the comparison
/// table, the holdout table, the plots (inline SVG), RFM segments, lifecycle stages and migration, the top customers by
/// CLV and the valuable customers at risk. No script, no network: it opens in any browser and prints.
/// </summary>
/// <remarks>
/// The report runs the library's own analysis: <c>ModelComparison.Compare</c> (BG/NBD, MBG/NBD, Pareto/NBD), the model
/// with the lowest BIC for predictions, a Gamma-Gamma spend model, <c>PredictiveClv</c>, <c>HoldoutValidation</c> when the
/// summaries have a holdout period, RFM on the R x F grid, and lifecycle stages from <c>LifecyclePolicy.FromDays()</c>.
/// </remarks>
public static class ClvReport
{
    /// <summary>The report as HTML text.</summary>
    /// <param name="customers">The summaries to analyse (with holdout purchases for the holdout sections).</param>
    /// <param name="options">Language, title, CLV horizon, list length; null for <see cref="ClvReportOptions.Default"/>.</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range: <see cref="ClvReportOptions.Language"/> undefined, or <see cref="ClvReportOptions.ClvPeriods"/> or <see cref="ClvReportOptions.TopCustomers"/> outside 1 to 1000 (the parameter name is the option, such as <c>options.ClvPeriods</c>).</exception>
    /// <exception cref="ArgumentException">The summaries have no repeat purchase to fit a model to (parameter <c>customers</c>), or <see cref="ClvReportOptions.Comparison"/> holds a model in another time unit than the summaries (parameter <c>options</c>).</exception>
    public static string ToHtml(CustomerSummaries customers, ClvReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        options ??= ClvReportOptions.Default;
        options.Validate();
        return ReportHtml.Build(customers, options);
    }

    /// <summary>
    /// Writes the report as an HTML file (UTF-8), replacing any file at <paramref name="path"/> as a whole: the report goes to
    /// a temporary file in the same folder that is then moved over <paramref name="path"/>, so a failed write leaves no
    /// half-written file (an existing one stays as it was).
    /// </summary>
    /// <param name="path">The file to write.</param>
    /// <param name="customers">The summaries to analyse.</param>
    /// <param name="options">Language, title, CLV horizon, list length; null for <see cref="ClvReportOptions.Default"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty, or as <see cref="ToHtml"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="ToHtml"/>.</exception>
    public static void Write(string path, CustomerSummaries customers, ClvReportOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] html = new System.Text.UTF8Encoding(false).GetBytes(ToHtml(customers, options));
        ReplacingFile.Write(path, stream => stream.Write(html));
    }

    /// <summary>Writes the report as HTML (UTF-8) to a stream (left open).</summary>
    /// <param name="destination">The stream to write to.</param>
    /// <param name="customers">The summaries to analyse.</param>
    /// <param name="options">Language, title, CLV horizon, list length; null for <see cref="ClvReportOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="destination"/> or <paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">As <see cref="ToHtml"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="ToHtml"/>.</exception>
    public static void Write(Stream destination, CustomerSummaries customers, ClvReportOptions? options)
    {
        ArgumentNullException.ThrowIfNull(destination);
        destination.Write(new System.Text.UTF8Encoding(false).GetBytes(ToHtml(customers, options)));
    }
}
