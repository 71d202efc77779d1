using Clv.Plots.Internal;
using Clv.Probabilistic;

namespace Clv.Plots;

/// <summary>What <see cref="ClvReport"/> writes: language, title, CLV horizon and the length of its customer lists.</summary>
public sealed class ClvReportOptions
{
    /// <summary>The defaults: English, the report's own title, 52-period CLV (no margin, 10% a year discount), 20 customers per list.</summary>
    public static ClvReportOptions Default { get; } = new();

    /// <summary>The language of every heading, table and plot. Default <see cref="PlotLanguage.English"/>.</summary>
    public PlotLanguage Language { get; init; } = PlotLanguage.English;

    /// <summary>A title that replaces the report's own; null keeps it.</summary>
    public string? Title { get; init; }

    /// <summary>
    /// The CLV horizon in periods of the summaries' time unit, 1 to 1000, with <see cref="PredictiveClvOptions"/>' default
    /// discount rate and margin. Default 52. <see cref="Clv"/>, when set, takes its place.
    /// </summary>
    public int ClvPeriods { get; init; } = 52;

    /// <summary>
    /// The CLV the report shows, as <see cref="PredictiveClv.Compute(PurchaseModel, GammaGammaModel, CustomerSummaries, PredictiveClvOptions?)"/>
    /// computes it with these options (periods, their unit, discount rate, margin): pass the options a scorecard was made with
    /// and the report's CLV (its total, its top customers) is the scorecard's <c>clv</c>, to the bit. Null (the default):
    /// <see cref="ClvPeriods"/> periods of the summaries' unit, with the default discount rate and margin.
    /// </summary>
    public PredictiveClvOptions? Clv { get; init; }

    /// <summary>How many customers the top-CLV and value-at-risk lists show, 1 to 1000. Default 20.</summary>
    public int TopCustomers { get; init; } = 20;

    /// <summary>
    /// Purchase models already fitted to the same summaries (from <see cref="ModelComparison.Compare(CustomerSummaries, FitOptions?)"/>,
    /// or one fit through <see cref="ModelComparison.FromFit{TModel}(FitResult{TModel}, CustomerSummaries)"/>); the report
    /// predicts with its lowest-BIC row. Null (the default): the report fits BG/NBD, MBG/NBD and Pareto/NBD itself.
    /// </summary>
    public ModelComparisonReport? Comparison { get; init; }

    /// <summary>
    /// A Gamma-Gamma spend fit already made on the same summaries (from <see cref="GammaGammaModel.Fit(CustomerSummaries)"/>,
    /// or a saved one through <see cref="FitResult{TModel}.FromJson(string)"/>): the report shows its parameters with their
    /// standard errors, and its status and reason when it did not converge (one price for everyone is a boundary). Null
    /// (the default): the report fits one itself; when that fit fails, the report says why and leaves the value sections
    /// (CLV, top customers, value at risk) out.
    /// </summary>
    public FitResult<GammaGammaModel>? Spend { get; init; }

    /// <summary>Checks every property once; errors name the property (<c>options.ClvPeriods</c>).</summary>
    internal void Validate()
    {
        if (!Enum.IsDefined(Language))
        {
            Throw.OptionRange("options.Language", Language, Text.Format($"options.Language is not a defined PlotLanguage: {(int)Language}."));
        }

        if (ClvPeriods is < 1 or > 1000)
        {
            Throw.OptionRange("options.ClvPeriods", ClvPeriods, Text.Format($"options.ClvPeriods must be 1 to 1000, but was {ClvPeriods}."));
        }

        if (TopCustomers is < 1 or > 1000)
        {
            Throw.OptionRange("options.TopCustomers", TopCustomers, Text.Format($"options.TopCustomers must be 1 to 1000, but was {TopCustomers}."));
        }
    }
}
