namespace Clv.Rfm;

/// <summary>One rule of a <see cref="SegmentMap"/>: a segment and the R, F and M score ranges it covers.</summary>
public sealed class SegmentRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="segment">The segment a matching score gets.</param>
    /// <param name="recency">The R scores covered (<see cref="ScoreRange.Any"/> for all).</param>
    /// <param name="frequency">The F scores covered.</param>
    /// <param name="monetary">The M scores covered.</param>
    /// <exception cref="ArgumentNullException"><paramref name="segment"/> is null.</exception>
    public SegmentRule(RfmSegment segment, ScoreRange recency, ScoreRange frequency, ScoreRange monetary)
    {
        ArgumentNullException.ThrowIfNull(segment);
        Segment = segment;
        Recency = recency;
        Frequency = frequency;
        Monetary = monetary;
    }

    /// <summary>The segment a matching score gets.</summary>
    public RfmSegment Segment { get; }

    /// <summary>The R scores covered.</summary>
    public ScoreRange Recency { get; }

    /// <summary>The F scores covered.</summary>
    public ScoreRange Frequency { get; }

    /// <summary>The M scores covered.</summary>
    public ScoreRange Monetary { get; }

    /// <summary>Whether the rule covers <paramref name="score"/> (never a lead).</summary>
    /// <param name="score">A score.</param>
    /// <returns>True when R, F and M all lie in their ranges.</returns>
    public bool Matches(RfmScore score) => Recency.Contains(score.R) && Frequency.Contains(score.F) && Monetary.Contains(score.M);

    /// <summary>"Champions: R 5, F 4-5, M 1-10".</summary>
    /// <returns>The rule as text.</returns>
    public override string ToString() => $"{Segment.Name}: R {Recency}, F {Frequency}, M {Monetary}";
}
