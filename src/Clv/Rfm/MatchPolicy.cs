namespace Clv.Rfm;

/// <summary>How a <see cref="SegmentMap"/> picks the segment when several rules match a score.</summary>
public enum MatchPolicy
{
    /// <summary>Rules are tried in order and the first that matches wins (overlaps allowed).</summary>
    FirstMatch = 0,

    /// <summary>Every score combination must match exactly one rule; overlapping rules are rejected when the map is built.</summary>
    Exclusive = 1,
}
