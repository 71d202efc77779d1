using System.Diagnostics;
using System.Globalization;
using Clv.Internal;

namespace Clv.Rfm;

/// <summary>
/// One customer's recency, frequency and monetary scores, each 1..k (5 by default), or the explicit lead outcome
/// (<see cref="IsLead"/>: no purchase, all three scores 0).
/// </summary>
/// <remarks>
/// <see cref="Code"/> is 100R + 10F + M (e.g. 543). It identifies the score combination uniquely only when k is at most 9;
/// with k = 10 compare <see cref="R"/>, <see cref="F"/> and <see cref="M"/> instead.
/// </remarks>
public readonly struct RfmScore : IEquatable<RfmScore>
{
    private readonly byte _r;
    private readonly byte _f;
    private readonly byte _m;

    /// <summary>Creates a score from its three parts.</summary>
    /// <param name="r">Recency score, 1..10 (higher = more recent).</param>
    /// <param name="f">Frequency score, 1..10 (higher = more purchases).</param>
    /// <param name="m">Monetary score, 1..10 (higher = more spend).</param>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 1..10.</exception>
    public RfmScore(int r, int f, int m)
    {
        CheckPart(r);
        CheckPart(f);
        CheckPart(m);
        _r = (byte)r;
        _f = (byte)f;
        _m = (byte)m;
    }

    private RfmScore(byte r, byte f, byte m)
    {
        _r = r;
        _f = f;
        _m = m;
    }

    /// <summary>The outcome for a customer without purchase (a lead): R = F = M = 0, <see cref="IsLead"/> true, code 0.</summary>
    public static RfmScore Lead => default;

    /// <summary>Recency score: 1..k, higher for a more recent last purchase; 0 for a lead.</summary>
    public int R => _r;

    /// <summary>Frequency score: 1..k, higher for more purchases; 0 for a lead.</summary>
    public int F => _f;

    /// <summary>Monetary score: 1..k, higher for more spend; 0 for a lead.</summary>
    public int M => _m;

    /// <summary>Whether this is the lead outcome (no purchase up to the observation end): no score was given.</summary>
    public bool IsLead => _r == 0;

    /// <summary>100R + 10F + M, e.g. 543; 0 for a lead. Unique only for k at most 9.</summary>
    public int Code => (100 * _r) + (10 * _f) + _m;

    /// <summary>Returns whether two scores are equal.</summary>
    /// <param name="left">The first score.</param>
    /// <param name="right">The second score.</param>
    /// <returns>True when R, F and M are equal.</returns>
    public static bool operator ==(RfmScore left, RfmScore right) => left.Equals(right);

    /// <summary>Returns whether two scores differ.</summary>
    /// <param name="left">The first score.</param>
    /// <param name="right">The second score.</param>
    /// <returns>True when R, F or M differ.</returns>
    public static bool operator !=(RfmScore left, RfmScore right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(RfmScore other) => _r == other._r && _f == other._f && _m == other._m;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RfmScore other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => (_r << 16) | (_f << 8) | _m;

    /// <summary>"R5 F4 M3", or "Lead".</summary>
    /// <returns>The score as text (culture-invariant).</returns>
    public override string ToString() =>
        IsLead ? "Lead" : string.Create(CultureInfo.InvariantCulture, $"R{R} F{F} M{M}");

    internal static RfmScore FromParts(int r, int f, int m)
    {
        Debug.Assert(r is >= 1 and <= RfmOptions.MaxScoreCount && f is >= 1 and <= RfmOptions.MaxScoreCount && m is >= 1 and <= RfmOptions.MaxScoreCount);
        return new RfmScore((byte)r, (byte)f, (byte)m);
    }

    private static void CheckPart(int value, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(value))] string paramName = "")
    {
        if (value is < 1 or > RfmOptions.MaxScoreCount)
        {
            ThrowHelper.ArgumentOutOfRange(paramName, value, Guard.Format($"{paramName} must be a score between 1 and {RfmOptions.MaxScoreCount}, but was {value}."));
        }
    }
}
