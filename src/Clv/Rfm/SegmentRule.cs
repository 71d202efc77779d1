namespace Clv.Rfm;

/// <summary>One rule of a <see cref="SegmentMap"/>: a segment and the R, F and M score ranges it covers.</summary>
public sealed class SegmentRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="segment">The segment a matching score gets.</param>
    /// <param name="r">The R scores covered (<see cref="ScoreRange.Any"/> for all).</param>
    /// <param name="f">The F scores covered.</param>
    /// <param name="m">The M scores covered.</param>
    /// <exception cref="ArgumentNullException"><paramref name="segment"/> is null.</exception>
    public SegmentRule(RfmSegment segment, ScoreRange r, ScoreRange f, ScoreRange m)
    {
        ArgumentNullException.ThrowIfNull(segment);
        Segment = segment;
        R = r;
        F = f;
        M = m;
    }

    /// <summary>The segment a matching score gets.</summary>
    public RfmSegment Segment { get; }

    /// <summary>The R scores covered.</summary>
    public ScoreRange R { get; }

    /// <summary>The F scores covered.</summary>
    public ScoreRange F { get; }

    /// <summary>The M scores covered.</summary>
    public ScoreRange M { get; }

    /// <summary>Whether the rule covers <paramref name="score"/> (never a lead).</summary>
    /// <param name="score">A score.</param>
    /// <returns>True when R, F and M all lie in their ranges.</returns>
    public bool Matches(RfmScore score) => R.Contains(score.R) && F.Contains(score.F) && M.Contains(score.M);

    /// <summary>"Champions: R 5, F 4-5, M 1-10".</summary>
    /// <returns>The rule as text.</returns>
    public override string ToString() => $"{Segment.Name}: R {R}, F {F}, M {M}";
}
