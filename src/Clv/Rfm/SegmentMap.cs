using System.Diagnostics;
using System.Runtime.CompilerServices;
using Clv.Internal;

namespace Clv.Rfm;

/// <summary>
/// A segment map as data: rules over the R, F and M scores plus a match policy, an optional fallback segment and the
/// segment for leads. Validated when built: a score combination that no rule matches (without a fallback), a range that
/// holds no score 1..k, or two overlapping rules under <see cref="MatchPolicy.Exclusive"/> are errors then, not when a
/// customer falls through. Assignment is a table lookup.
/// </summary>
public sealed partial class SegmentMap : IJsonPersistable<SegmentMap>
{
    private readonly SegmentRule[] _rules;
    private readonly RfmSegment[] _segments;
    private readonly byte[] _table;
    private readonly int _stride;

    /// <summary>Builds and validates a map.</summary>
    /// <param name="scoreCount">The number of scores k per dimension the map is for, 2..10.</param>
    /// <param name="rules">The rules, in priority order for <see cref="MatchPolicy.FirstMatch"/>.</param>
    /// <param name="matchPolicy">How overlapping rules are resolved.</param>
    /// <param name="fallback">The segment for a score no rule matches; null to require that the rules cover every combination.</param>
    /// <param name="leadSegment">The segment of customers without purchase; null for <see cref="RfmSegment.Lead"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> or a rule is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scoreCount"/> is outside 2..10 or <paramref name="matchPolicy"/> is undefined.</exception>
    /// <exception cref="ArgumentException">No rule; a rule's range holds no score 1..k; a score combination is unmatched
    /// without a fallback; two rules overlap under <see cref="MatchPolicy.Exclusive"/>; more than 255 segments.</exception>
    public SegmentMap(int scoreCount, IEnumerable<SegmentRule> rules, MatchPolicy matchPolicy, RfmSegment? fallback = null, RfmSegment? leadSegment = null)
    {
        if (scoreCount is < RfmOptions.MinScoreCount or > RfmOptions.MaxScoreCount)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(scoreCount), scoreCount, Guard.Format($"scoreCount must be between {RfmOptions.MinScoreCount} and {RfmOptions.MaxScoreCount}, but was {scoreCount}."));
        }

        if (!Enum.IsDefined(matchPolicy))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(matchPolicy), matchPolicy, Guard.Format($"matchPolicy {(int)matchPolicy} is not defined."));
        }

        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
        if (_rules.Length == 0)
        {
            ThrowHelper.Argument(nameof(rules), "A segment map needs at least one rule.");
        }

        ScoreCount = scoreCount;
        MatchPolicy = matchPolicy;
        Fallback = fallback;
        LeadSegment = leadSegment ?? RfmSegment.Lead;

        var segments = new List<RfmSegment>();
        var ruleSegment = new int[_rules.Length];
        for (int i = 0; i < _rules.Length; i++)
        {
            var rule = _rules[i];
            if (rule is null)
            {
                ThrowHelper.Argument(nameof(rules), Guard.Format($"Rule {i} is null."));
            }

            CheckRange(rule, i, "R", rule.R, scoreCount);
            CheckRange(rule, i, "F", rule.F, scoreCount);
            CheckRange(rule, i, "M", rule.M, scoreCount);
            ruleSegment[i] = IndexOf(segments, rule.Segment);
        }

        int fallbackIndex = fallback is null ? -1 : IndexOf(segments, fallback);
        int leadIndex = IndexOf(segments, LeadSegment);
        if (segments.Count > byte.MaxValue)
        {
            ThrowHelper.Argument(nameof(rules), Guard.Format($"A segment map holds at most {byte.MaxValue} segments, but this one has {segments.Count}."));
        }

        _segments = [.. segments];
        _stride = scoreCount + 1;
        _table = new byte[_stride * _stride * _stride];
        _table[0] = (byte)leadIndex;
        int unmatched = 0;
        string firstUnmatched = "";
        for (int r = 1; r <= scoreCount; r++)
        {
            for (int f = 1; f <= scoreCount; f++)
            {
                for (int m = 1; m <= scoreCount; m++)
                {
                    var score = RfmScore.FromParts(r, f, m);
                    int match = -1;
                    for (int i = 0; i < _rules.Length; i++)
                    {
                        if (!_rules[i].Matches(score))
                        {
                            continue;
                        }

                        if (match < 0)
                        {
                            match = i;
                            if (matchPolicy == MatchPolicy.FirstMatch)
                            {
                                break;
                            }
                        }
                        else
                        {
                            ThrowHelper.Argument(
                                nameof(rules),
                                Guard.Format($"Rules {match} ({_rules[match]}) and {i} ({_rules[i]}) both match {score}: an Exclusive map must not overlap (use MatchPolicy.FirstMatch for first-match-wins)."));
                        }
                    }

                    if (match < 0)
                    {
                        if (fallbackIndex < 0)
                        {
                            firstUnmatched = unmatched == 0 ? score.ToString() : firstUnmatched;
                            unmatched++;
                            continue;
                        }

                        _table[Index(r, f, m)] = (byte)fallbackIndex;
                    }
                    else
                    {
                        _table[Index(r, f, m)] = (byte)ruleSegment[match];
                    }
                }
            }
        }

        if (unmatched > 0)
        {
            ThrowHelper.Argument(
                nameof(rules),
                Guard.Format($"No rule matches {firstUnmatched}{(unmatched > 1 ? Guard.Format($" (and {unmatched - 1} other score combinations)") : "")} for scores 1..{scoreCount}: add a rule or a fallback segment."));
        }
    }

    /// <summary>The number of scores k per dimension the map is for.</summary>
    public int ScoreCount { get; }

    /// <summary>The rules, in the order given.</summary>
    public IReadOnlyList<SegmentRule> Rules => Array.AsReadOnly(_rules);

    /// <summary>How overlapping rules are resolved.</summary>
    public MatchPolicy MatchPolicy { get; }

    /// <summary>The segment for a score no rule matches; null when the rules cover every combination.</summary>
    public RfmSegment? Fallback { get; }

    /// <summary>The segment of customers without purchase.</summary>
    public RfmSegment LeadSegment { get; }

    /// <summary>The distinct segments: in rule order, then the fallback, then the lead segment. Reports use this order.</summary>
    public IReadOnlyList<RfmSegment> Segments => Array.AsReadOnly(_segments);

    /// <summary>
    /// The 5x5 RF grid (REFERENCE.md): an exact partition of R x F, M ignored, every customer exactly one segment.
    /// Champions R 5 F 4-5; Loyal Customers R 3-4 F 4-5; Potential Loyalists R 4-5 F 2-3; New Customers R 5 F 1;
    /// Promising R 4 F 1; Need Attention R 3 F 3; About To Sleep R 3 F 1-2; At Risk R 1-2 F 3-4;
    /// Can't Lose Them R 1-2 F 5; Hibernating R 1-2 F 1-2. For k = 5.
    /// </summary>
    /// <returns>The map (policy <see cref="MatchPolicy.Exclusive"/>).</returns>
    public static SegmentMap RfGrid()
    {
        var any = ScoreRange.Any;
        return new SegmentMap(
            5,
            [
                new(RfmSegment.Champions, ScoreRange.Only(5), new(4, 5), any),
                new(RfmSegment.LoyalCustomers, new(3, 4), new(4, 5), any),
                new(RfmSegment.PotentialLoyalists, new(4, 5), new(2, 3), any),
                new(RfmSegment.NewCustomers, ScoreRange.Only(5), ScoreRange.Only(1), any),
                new(RfmSegment.Promising, ScoreRange.Only(4), ScoreRange.Only(1), any),
                new(RfmSegment.NeedAttention, ScoreRange.Only(3), ScoreRange.Only(3), any),
                new(RfmSegment.AboutToSleep, ScoreRange.Only(3), new(1, 2), any),
                new(RfmSegment.AtRisk, new(1, 2), new(3, 4), any),
                new(RfmSegment.CantLoseThem, new(1, 2), ScoreRange.Only(5), any),
                new(RfmSegment.Hibernating, new(1, 2), new(1, 2), any),
            ],
            MatchPolicy.Exclusive);
    }

    /// <summary>
    /// The R/F/M range map (REFERENCE.md), first match wins, else Others: Champions R5 F5 M5; Potential Loyalists R3-5 F3-5 M2-5;
    /// Loyal Customers R2-4 F2-4 M2-4; Promising R3-4 F1-3 M3-5; New Customers R4-5 F1-3; Can't Lose Them R1-2 F3-4 M4-5;
    /// At Risk R1-2 F2-5 M4-5; Need Attention R1-3 F3-5 M3-5; About To Sleep R2-3 F1-3 M1-4; Lost R1. For k = 5.
    /// </summary>
    /// <returns>The map (policy <see cref="MatchPolicy.FirstMatch"/>, fallback <see cref="RfmSegment.Others"/>).</returns>
    public static SegmentMap RangeMap()
    {
        var any = ScoreRange.Any;
        return new SegmentMap(
            5,
            [
                new(RfmSegment.Champions, ScoreRange.Only(5), ScoreRange.Only(5), ScoreRange.Only(5)),
                new(RfmSegment.PotentialLoyalists, new(3, 5), new(3, 5), new(2, 5)),
                new(RfmSegment.LoyalCustomers, new(2, 4), new(2, 4), new(2, 4)),
                new(RfmSegment.Promising, new(3, 4), new(1, 3), new(3, 5)),
                new(RfmSegment.NewCustomers, new(4, 5), new(1, 3), any),
                new(RfmSegment.CantLoseThem, new(1, 2), new(3, 4), new(4, 5)),
                new(RfmSegment.AtRisk, new(1, 2), new(2, 5), new(4, 5)),
                new(RfmSegment.NeedAttention, new(1, 3), new(3, 5), new(3, 5)),
                new(RfmSegment.AboutToSleep, new(2, 3), new(1, 3), new(1, 4)),
                new(RfmSegment.Lost, ScoreRange.Only(1), any, any),
            ],
            MatchPolicy.FirstMatch,
            RfmSegment.Others);
    }

    /// <summary>
    /// The eight-class map of Chinese CRM practice: each of R, F and M is high when its score is strictly above the
    /// population's mean score (<see cref="RfmCutPoints.MeanRScore"/> and so on, stored in the cut points so online
    /// scoring agrees), low otherwise. M high: 重要价值 (R, F high), 重要发展 (R high, F low), 重要保持 (R low, F high),
    /// 重要挽留 (R, F low); M low: the four 一般 classes in the same pattern.
    /// </summary>
    /// <param name="cutPoints">The cut points whose mean scores set the thresholds.</param>
    /// <returns>The map (policy <see cref="MatchPolicy.Exclusive"/>). A class is left out when the population makes it impossible
    /// (a mean score of k leaves no high score).</returns>
    /// <remarks>Mean of the 1..k scores rather than of the raw values: raw spend is skewed, so its mean puts most customers
    /// "low"; the score mean is what Chinese CRM practice uses and stays within 1..k.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="cutPoints"/> is null.</exception>
    public static SegmentMap EightClass(RfmCutPoints cutPoints)
    {
        ArgumentNullException.ThrowIfNull(cutPoints);
        int k = cutPoints.ScoreCount;
        int lowR = LowTop(cutPoints.MeanRScore, k), lowF = LowTop(cutPoints.MeanFScore, k), lowM = LowTop(cutPoints.MeanMScore, k);
        var rules = new List<SegmentRule>(8);
        AddIfPossible(rules, RfmSegment.ImportantValue, k, lowR, true, lowF, true, lowM, true);
        AddIfPossible(rules, RfmSegment.ImportantDevelopment, k, lowR, true, lowF, false, lowM, true);
        AddIfPossible(rules, RfmSegment.ImportantRetention, k, lowR, false, lowF, true, lowM, true);
        AddIfPossible(rules, RfmSegment.ImportantWinBack, k, lowR, false, lowF, false, lowM, true);
        AddIfPossible(rules, RfmSegment.GeneralValue, k, lowR, true, lowF, true, lowM, false);
        AddIfPossible(rules, RfmSegment.GeneralDevelopment, k, lowR, true, lowF, false, lowM, false);
        AddIfPossible(rules, RfmSegment.GeneralRetention, k, lowR, false, lowF, true, lowM, false);
        AddIfPossible(rules, RfmSegment.GeneralWinBack, k, lowR, false, lowF, false, lowM, false);
        return new SegmentMap(k, rules, MatchPolicy.Exclusive);
    }

    /// <summary>
    /// Value tiers over F and M (R is the lifecycle question; see <see cref="RfGrid"/>): High Value (F high, M high),
    /// Growth (F low, M high), Price-Sensitive (F high, M low), Low Value (F low, M low). A score is high when it is at
    /// least <paramref name="highFrom"/>; by default when it is strictly above the middle (k + 1) / 2 of the range
    /// (k = 5: 4 and 5 are high).
    /// </summary>
    /// <param name="scoreCount">The number of scores k, 2..10. Default 5.</param>
    /// <param name="highFrom">The lowest high score, 2..k; null for the default floor((k + 1) / 2) + 1, the lowest score strictly above the middle (k = 5: 4; k = 4: 3; k = 10: 6).</param>
    /// <returns>The map (policy <see cref="MatchPolicy.Exclusive"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scoreCount"/> is outside 2..10 or <paramref name="highFrom"/> outside 2..k.</exception>
    public static SegmentMap ValueTiers(int scoreCount = 5, int? highFrom = null)
    {
        if (scoreCount is < RfmOptions.MinScoreCount or > RfmOptions.MaxScoreCount)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(scoreCount), scoreCount, Guard.Format($"scoreCount must be between {RfmOptions.MinScoreCount} and {RfmOptions.MaxScoreCount}, but was {scoreCount}."));
        }

        int high = highFrom ?? (((scoreCount + 1) / 2) + 1);
        if (high < 2 || high > scoreCount)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(highFrom), highFrom, Guard.Format($"highFrom must be between 2 and {scoreCount}, but was {high}."));
        }

        var hi = new ScoreRange(high, scoreCount);
        var lo = new ScoreRange(1, high - 1);
        var any = ScoreRange.Any;
        return new SegmentMap(
            scoreCount,
            [
                new(RfmSegment.HighValue, any, hi, hi),
                new(RfmSegment.Growth, any, lo, hi),
                new(RfmSegment.PriceSensitive, any, hi, lo),
                new(RfmSegment.LowValue, any, lo, lo),
            ],
            MatchPolicy.Exclusive);
    }

    /// <summary>The index in <see cref="Segments"/> of the segment of <paramref name="score"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int IndexOf(RfmScore score)
    {
        int r = score.R, f = score.F, m = score.M;
        if (r > ScoreCount || f > ScoreCount || m > ScoreCount)
        {
            ThrowTooHigh(score);
        }

        return _table[Index(r, f, m)];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Index(int r, int f, int m) => (((r * _stride) + f) * _stride) + m;

    private void ThrowTooHigh(RfmScore score) =>
        ThrowHelper.ArgumentOutOfRange(nameof(score), score, Guard.Format($"The score {score} has a part above {ScoreCount}, the score count this map is for."));

    private static int IndexOf(List<RfmSegment> segments, RfmSegment segment)
    {
        int i = segments.IndexOf(segment);
        if (i < 0)
        {
            segments.Add(segment);
            i = segments.Count - 1;
        }

        return i;
    }

    private static void CheckRange(SegmentRule rule, int index, string dimension, ScoreRange range, int k)
    {
        if (range.Min < 1 || range.Min > k)
        {
            ThrowHelper.Argument(
                "rules",
                Guard.Format($"Rule {index} ({rule.Segment.Name}) has an empty {dimension} range {range.Min}..{range.Max}: it holds no score 1..{k}."));
        }
    }

    /// <summary>The highest low score: scores at most this are low, scores above it (strictly above the mean) are high.</summary>
    private static int LowTop(double mean, int k)
    {
        Debug.Assert(mean >= 1 && mean <= k);
        return Math.Min((int)Math.Floor(mean), k);
    }

    private static void AddIfPossible(List<SegmentRule> rules, RfmSegment segment, int k, int lowR, bool highR, int lowF, bool highF, int lowM, bool highM)
    {
        if ((highR && lowR >= k) || (highF && lowF >= k) || (highM && lowM >= k))
        {
            return;
        }

        rules.Add(new SegmentRule(segment, Half(lowR, highR, k), Half(lowF, highF, k), Half(lowM, highM, k)));
    }

    private static ScoreRange Half(int lowTop, bool high, int k) => high ? new ScoreRange(lowTop + 1, k) : new ScoreRange(1, lowTop);
}
