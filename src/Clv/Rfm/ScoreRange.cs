using System.Globalization;
using Clv.Internal;

namespace Clv.Rfm;

/// <summary>An inclusive range of scores, Min..Max within 1..10, used by <see cref="SegmentRule"/>.</summary>
public readonly struct ScoreRange : IEquatable<ScoreRange>
{
    /// <summary>Creates the range <paramref name="min"/>..<paramref name="max"/>.</summary>
    /// <param name="min">The lowest score in the range, 1..10.</param>
    /// <param name="max">The highest score in the range, <paramref name="min"/>..10.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is outside 1..10, or the range is empty (min above max).</exception>
    public ScoreRange(int min, int max)
    {
        if (min is < 1 or > RfmOptions.MaxScoreCount)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(min), min, Guard.Format($"min must be a score between 1 and {RfmOptions.MaxScoreCount}, but was {min}."));
        }

        if (max < min || max > RfmOptions.MaxScoreCount)
        {
            ThrowHelper.ArgumentOutOfRange(
                nameof(max),
                max,
                max < min
                    ? Guard.Format($"The score range {min}..{max} is empty: max ({max}) must be at least min ({min}).")
                    : Guard.Format($"max must be a score between 1 and {RfmOptions.MaxScoreCount}, but was {max}."));
        }

        Min = min;
        Max = max;
    }

    /// <summary>Every score (1..10).</summary>
    public static ScoreRange Any { get; } = new(1, RfmOptions.MaxScoreCount);

    /// <summary>The lowest score in the range (0 only for the invalid default value, which maps reject).</summary>
    public int Min { get; }

    /// <summary>The highest score in the range.</summary>
    public int Max { get; }

    /// <summary>The range holding only <paramref name="score"/>.</summary>
    /// <param name="score">The score, 1..10.</param>
    /// <returns>score..score.</returns>
    public static ScoreRange Only(int score) => new(score, score);

    /// <summary>Returns whether two ranges are equal.</summary>
    /// <param name="left">The first range.</param>
    /// <param name="right">The second range.</param>
    /// <returns>True when both bounds are equal.</returns>
    public static bool operator ==(ScoreRange left, ScoreRange right) => left.Equals(right);

    /// <summary>Returns whether two ranges differ.</summary>
    /// <param name="left">The first range.</param>
    /// <param name="right">The second range.</param>
    /// <returns>True when a bound differs.</returns>
    public static bool operator !=(ScoreRange left, ScoreRange right) => !left.Equals(right);

    /// <summary>Whether <paramref name="score"/> lies in the range.</summary>
    /// <param name="score">A score.</param>
    /// <returns>True when Min &lt;= score &lt;= Max.</returns>
    public bool Contains(int score) => score >= Min && score <= Max;

    /// <inheritdoc/>
    public bool Equals(ScoreRange other) => Min == other.Min && Max == other.Max;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ScoreRange other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (Min << 8) | Max;

    /// <summary>"3-5", or "3" for a single score.</summary>
    /// <returns>The range as text.</returns>
    public override string ToString() =>
        Min == Max ? Min.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{Min}-{Max}");
}
