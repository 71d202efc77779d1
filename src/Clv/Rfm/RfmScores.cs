using System.Collections;

namespace Clv.Rfm;

/// <summary>
/// The RFM scores of a population, in the order of its customers, with the cut points they were computed from.
/// Immutable.
/// </summary>
public sealed class RfmScores : IReadOnlyList<RfmScore>
{
    private readonly RfmScore[] _scores;

    internal RfmScores(RfmScore[] scores, RfmCutPoints cutPoints, IReadOnlyList<string> warnings)
    {
        _scores = scores;
        CutPoints = cutPoints;
        Warnings = warnings;
    }

    /// <summary>What the fit of the cut points warned about (scores left unused by ties); empty when the cut points were given.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The cut points fitted on this population; apply them to new customers to score them consistently.</summary>
    public RfmCutPoints CutPoints { get; }

    /// <summary>The number of customers (leads included).</summary>
    public int Count => _scores.Length;

    /// <summary>The number of leads (customers without purchase, <see cref="RfmScore.IsLead"/>).</summary>
    public int LeadCount => _scores.Length - CutPoints.PopulationSize;

    /// <summary>The score of the customer at <paramref name="index"/> (same index as in the summaries).</summary>
    /// <param name="index">The customer's index.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or at least <see cref="Count"/>.</exception>
    public RfmScore this[int index] => (uint)index < (uint)_scores.Length
        ? _scores[index]
        : throw new ArgumentOutOfRangeException(nameof(index), index, Clv.Internal.Guard.Format($"index must be from 0 to {_scores.Length - 1}, but was {index}."));

    /// <summary>The scores as a span, in customer order.</summary>
    /// <returns>A read-only view of the scores.</returns>
    public ReadOnlySpan<RfmScore> AsSpan() => _scores;

    /// <inheritdoc/>
    public IEnumerator<RfmScore> GetEnumerator() => ((IEnumerable<RfmScore>)_scores).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
