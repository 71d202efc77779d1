using System.Runtime.CompilerServices;
using Clv.Internal;

namespace Clv.Rfm;

/// <content>Assigning segments to scores, one or a batch.</content>
public sealed partial class SegmentMap
{
    /// <summary>The segment of one score.</summary>
    /// <param name="score">A score with parts 1..<see cref="ScoreCount"/>, or a lead.</param>
    /// <returns>The segment.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A part of the score exceeds <see cref="ScoreCount"/>.</exception>
    public RfmSegment Assign(RfmScore score) => _segments[IndexOf(score)];

    /// <summary>
    /// The segments of a batch of scores, into a preallocated destination: split over the cores for large batches (the split's
    /// bookkeeping, about 2 KB, is all it allocates), with the same result as one score at a time.
    /// </summary>
    /// <param name="scores">The scores.</param>
    /// <param name="destination">Receives one segment per score.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A part of a score exceeds <see cref="ScoreCount"/>.</exception>
    public void Assign(ReadOnlySpan<RfmScore> scores, Span<RfmSegment> destination)
    {
        Guard.SameLength(scores.Length, destination.Length);

        // Parallel over fixed ranges; a score above the map's range is reported for the first one in input order.
        int firstBad = int.MaxValue;
        Parallelism.For(scores, destination, [MethodImpl(MethodImplOptions.AggressiveOptimization)] (part, into, from) =>
        {
            for (int i = 0; i < part.Length; i++)
            {
                var score = part[i];
                if (score.R > ScoreCount || score.F > ScoreCount || score.M > ScoreCount)
                {
                    InterlockedMin(ref firstBad, from + i);
                    return;
                }

                into[i] = _segments[_table[Index(score.R, score.F, score.M)]];
            }
        });

        if (firstBad != int.MaxValue)
        {
            ThrowTooHigh(scores[firstBad]);
        }

        static void InterlockedMin(ref int target, int value)
        {
            int current = Volatile.Read(ref target);
            while (value < current)
            {
                int seen = Interlocked.CompareExchange(ref target, value, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }
    }

    /// <summary>The segments of a batch of scores.</summary>
    /// <param name="scores">The scores.</param>
    /// <returns>One segment per score.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A part of a score exceeds <see cref="ScoreCount"/>.</exception>
    public RfmSegment[] Assign(ReadOnlySpan<RfmScore> scores)
    {
        var result = new RfmSegment[scores.Length];
        Assign(scores, result);
        return result;
    }
}
