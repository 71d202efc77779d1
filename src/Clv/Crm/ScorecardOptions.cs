using Clv.Internal;
using Clv.Lifecycle;
using Clv.Probabilistic;
using Clv.Rfm;
using Clv.Valuation;

namespace Clv.Crm;

/// <summary>
/// Which parts a <see cref="Scorecard"/> computes, with their models and thresholds. A part whose option is null is left out:
/// its columns are not in <see cref="Scorecard.Columns"/> and its row properties are null, never zeros. Validated once per
/// call; errors name the property path (<c>options.Segments</c>).
/// </summary>
/// <remarks>
/// The defaults compute every part that needs no fitted model: RFM (k = 5) with the RF grid segments and the value tiers,
/// lifecycle stages by days (<see cref="LifecyclePolicy.FromDays"/>) with churn warnings over the last 90 days, historical
/// value and its ABC class (80/15/5), and the health score. Set <see cref="Purchases"/> (P(alive), expected purchases) and
/// <see cref="Spend"/> (expected spend per purchase; with both: CLV, CLV by year, value at risk) to add the model columns.
/// A part that depends on another (segments on RFM, churn warnings on the lifecycle policy, ABC on its value) throws when
/// that part is left out, rather than silently dropping it.
/// </remarks>
public sealed class ScorecardOptions
{
    /// <summary>The shared default options: every part that needs no fitted model (see the remarks).</summary>
    public static ScorecardOptions Default { get; } = new();

    /// <summary>RFM scoring (cut points fitted on the customers, <see cref="RfmScorer"/>). Default <see cref="RfmOptions.Default"/> (k = 5); null leaves out the RFM scores, segments and value tiers.</summary>
    public RfmOptions? Rfm { get; init; } = RfmOptions.Default;

    /// <summary>
    /// RFM cut points fitted earlier (<see cref="RfmCutPoints.Fit(CustomerSummaries, RfmOptions?)"/>, saved with
    /// <see cref="RfmCutPoints.ToJson"/>) to score with instead of this population's quantiles, so that scores mean the same
    /// across runs (the <c>clv score</c> command uses the cut points <c>clv analyze</c> saved). Needs <see cref="Rfm"/>, whose
    /// score count and measures must equal the cut points'. Default null: cut points from this population.
    /// </summary>
    public RfmCutPoints? RfmCutPoints { get; init; }

    /// <summary>The segment map for the RFM segment (English and Chinese label). Default <see cref="SegmentMap.RfGrid"/> (for k = 5); its score count must equal <see cref="RfmOptions.ScoreCount"/>. Null leaves the segment out.</summary>
    public SegmentMap? Segments { get; init; } = SegmentMap.RfGrid();

    /// <summary>The value tier map over the RFM scores. Default <see cref="SegmentMap.ValueTiers"/> (High Value, Growth, Price-Sensitive, Low Value by F and M, k = 5); its score count must equal <see cref="RfmOptions.ScoreCount"/>. Null leaves the tier out.</summary>
    public SegmentMap? ValueTiers { get; init; } = SegmentMap.ValueTiers();

    /// <summary>The lifecycle policy for the stage at the observation end (English and Chinese label). Default <see cref="LifecyclePolicy.FromDays"/> (dormant after 90 quiet days, churned after 180). Null leaves the stage and churn warnings out.</summary>
    public LifecyclePolicy? Lifecycle { get; init; } = LifecyclePolicy.FromDays();

    /// <summary>
    /// Churn warnings: a customer active (New, Growing, Mature, Reactivated) this many days before the observation end and
    /// dormant or churned at it gets the <see cref="EarlyWarningReport"/>'s reason. The earlier date is clamped to the first
    /// purchase day of the data. At least 1. Default 90; null leaves the column out. Needs <see cref="Lifecycle"/>.
    /// </summary>
    public int? ChurnWarningDays { get; init; } = 90;

    /// <summary>Historical value (<see cref="Valuation.HistoricalValue"/>: margin, costs, window). Default <see cref="HistoricalValueOptions.Default"/> (net spend to date); null leaves it out.</summary>
    public HistoricalValueOptions? HistoricalValue { get; init; } = HistoricalValueOptions.Default;

    /// <summary>ABC class shares (<see cref="AbcClassification"/>). Default <see cref="AbcOptions.Default"/> (80/15/5); null leaves the class out.</summary>
    public AbcOptions? Abc { get; init; } = AbcOptions.Default;

    /// <summary>The value the ABC class ranks. Default <see cref="AbcBasis.HistoricalValue"/> (needs <see cref="HistoricalValue"/>); <see cref="AbcBasis.Clv"/> needs both models.</summary>
    public AbcBasis AbcBasis { get; init; } = AbcBasis.HistoricalValue;

    /// <summary>A fitted repeat-purchase model (BG/NBD, MBG/NBD, Pareto/NBD): P(alive), expected purchases over the horizon, and the health score's P(alive) signal (left out for customers without a repeat purchase when the model gives all of them 1, as BG/NBD does, whatever their recency). Default null (left out).</summary>
    public PurchaseModel? Purchases { get; init; }

    /// <summary>A fitted Gamma-Gamma spend model: expected spend per purchase; with <see cref="Purchases"/>, CLV, CLV by year and value at risk. Default null (left out).</summary>
    public GammaGammaModel? Spend { get; init; }

    /// <summary>
    /// The horizon (<see cref="PredictiveClvOptions.Periods"/> x <see cref="PredictiveClvOptions.Period"/>), discount rate and
    /// margin of the expected purchases and the CLV. Default <see cref="PredictiveClvOptions.Default"/> (12 months, 10% a year,
    /// margin 1). CLV by year is given when the period is a month or a year. Used only with a model.
    /// </summary>
    public PredictiveClvOptions Horizon { get; init; } = PredictiveClvOptions.Default;

    /// <summary>The health score's weights, rules and bands. Default <see cref="HealthScoreOptions.Default"/>; null leaves the health columns out.</summary>
    public HealthScoreOptions? Health { get; init; } = HealthScoreOptions.Default;

    /// <summary>Checks every option and the dependencies between parts once; errors name the property path.</summary>
    /// <returns>This instance.</returns>
    internal ScorecardOptions Validate()
    {
        Rfm?.Validate("options.Rfm");
        if (RfmCutPoints is { } cuts)
        {
            if (Rfm is null)
            {
                ThrowHelper.Argument("options", "options.RfmCutPoints needs options.Rfm: set RFM options with the cut points' score count and measures, or set RfmCutPoints to null.");
            }

            if (cuts.ScoreCount != Rfm.ScoreCount || cuts.FrequencyMeasure != Rfm.FrequencyMeasure || cuts.MonetaryMeasure != Rfm.MonetaryMeasure)
            {
                ThrowHelper.Argument("options", Guard.Format($"options.RfmCutPoints (k = {cuts.ScoreCount}, {cuts.FrequencyMeasure}, {cuts.MonetaryMeasure}) do not match options.Rfm (k = {Rfm.ScoreCount}, {Rfm.FrequencyMeasure}, {Rfm.MonetaryMeasure})."));
            }
        }

        CheckMap(Segments, "options.Segments");
        CheckMap(ValueTiers, "options.ValueTiers");
        if (ChurnWarningDays is { } days)
        {
            if (days < 1)
            {
                ThrowHelper.ArgumentOutOfRange("options.ChurnWarningDays", days, Guard.Format($"options.ChurnWarningDays must be at least 1, but was {days}."));
            }

            if (Lifecycle is null)
            {
                ThrowHelper.Argument("options", "options.ChurnWarningDays needs options.Lifecycle: set a lifecycle policy, or set ChurnWarningDays to null.");
            }
        }

        Abc?.Validate("options.Abc");
        HistoricalValue?.Validate("options.HistoricalValue");
        if (Abc is not null)
        {
            if (!Enum.IsDefined(AbcBasis))
            {
                ThrowHelper.ArgumentOutOfRange("options.AbcBasis", AbcBasis, Guard.Format($"options.AbcBasis {(int)AbcBasis} is not defined."));
            }

            if (AbcBasis == AbcBasis.HistoricalValue && HistoricalValue is null)
            {
                ThrowHelper.Argument("options", "options.AbcBasis HistoricalValue needs options.HistoricalValue: set it, choose AbcBasis.Clv, or set Abc to null.");
            }

            if (AbcBasis == AbcBasis.Clv && (Purchases is null || Spend is null))
            {
                ThrowHelper.Argument("options", "options.AbcBasis Clv needs both options.Purchases and options.Spend: set the models, choose AbcBasis.HistoricalValue, or set Abc to null.");
            }
        }

        if (Horizon is null)
        {
            ThrowHelper.Argument("options", "options.Horizon must not be null.");
        }

        Horizon.Validate("options.Horizon");
        Health?.Validate("options.Health");
        return this;
    }

    private void CheckMap(SegmentMap? map, string path)
    {
        if (map is null)
        {
            return;
        }

        if (Rfm is null)
        {
            ThrowHelper.Argument("options", Guard.Format($"{path} needs options.Rfm: set RFM options, or set {path[8..]} to null."));
        }

        if (map.ScoreCount != Rfm.ScoreCount)
        {
            ThrowHelper.Argument("options", Guard.Format($"{path} is for {map.ScoreCount} scores but options.Rfm.ScoreCount is {Rfm.ScoreCount}."));
        }
    }
}
