using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Clv.Internal;

namespace Clv.Rfm;

/// <summary>
/// The fitted RFM cut points: k - 1 per dimension, plus the population's mean scores. Immutable; store it with
/// <see cref="ToJson"/>, load it with <see cref="FromJson"/> and score one new customer or a new batch against the
/// population it came from, without re-scoring everyone.
/// </summary>
/// <remarks>
/// <para>Scoring rule, the same for quantile and custom cut points c_1 &lt;= ... &lt;= c_(k-1):
/// F = 1 + #{j : c_j &lt; frequency}, M = 1 + #{j : c_j &lt; monetary}, R = k - #{j : c_j &lt; days since last purchase}
/// (recency is scored in reverse: fewer days, higher R). A value equal to a cut point falls in the lower bin.
/// Every score depends only on the value, so equal values always get equal scores, whatever the row order.</para>
/// <para>Quantile cut points are the lower k-quantiles of the purchasers (leads excluded): c_j is the value at
/// 1-based rank ceil(j n / k) in ascending order, an actual population value (no interpolation). Without ties this
/// gives k bins of n / k customers (as equal as n allows). With heavy ties several quantiles coincide and their bins
/// collapse: the tied customers all share the lowest score of the run and the scores in between go unused, so a score
/// keeps its meaning ("F = 5: above the 80% quantile") instead of being renumbered. In CDNOW 1,411 of 2,357 customers
/// (60%) bought on one day only, so the purchase-day cut points are 1, 1, 2, 3: the one-time buyers all get F = 1, two purchase
/// days score F = 3 and F = 2 is empty. A dimension where every purchaser has the same value scores 1 for F and M and k for R.</para>
/// </remarks>
public sealed class RfmCutPoints
{
    /// <summary>The version of the JSON written by <see cref="ToJson"/> (1).</summary>
    public const int JsonVersion = 1;

    private readonly double[] _recency;
    private readonly double[] _frequency;
    private readonly double[] _monetary;

    internal RfmCutPoints(
        int scoreCount,
        FrequencyMeasure frequencyMeasure,
        MonetaryMeasure monetaryMeasure,
        double[] recency,
        double[] frequency,
        double[] monetary,
        int populationSize,
        double meanRecencyScore,
        double meanFrequencyScore,
        double meanMonetaryScore)
    {
        ScoreCount = scoreCount;
        FrequencyMeasure = frequencyMeasure;
        MonetaryMeasure = monetaryMeasure;
        _recency = recency;
        _frequency = frequency;
        _monetary = monetary;
        PopulationSize = populationSize;
        MeanRecencyScore = meanRecencyScore;
        MeanFrequencyScore = meanFrequencyScore;
        MeanMonetaryScore = meanMonetaryScore;
    }

    /// <summary>The number of scores k per dimension (scores 1..k).</summary>
    public int ScoreCount { get; }

    /// <summary>What F counts.</summary>
    public FrequencyMeasure FrequencyMeasure { get; }

    /// <summary>What M measures.</summary>
    public MonetaryMeasure MonetaryMeasure { get; }

    /// <summary>The k - 1 recency cut points, in days since the last purchase, non-decreasing.</summary>
    public IReadOnlyList<double> Recency => _recency;

    /// <summary>The k - 1 frequency cut points, in the unit of <see cref="FrequencyMeasure"/>, non-decreasing.</summary>
    public IReadOnlyList<double> Frequency => _frequency;

    /// <summary>The k - 1 monetary cut points, in the unit of <see cref="MonetaryMeasure"/>, non-decreasing.</summary>
    public IReadOnlyList<double> Monetary => _monetary;

    /// <summary>The number of purchasers the cut points were fitted on (leads are not part of the population).</summary>
    public int PopulationSize { get; }

    /// <summary>Mean R score of the fitted population (1..k); the high/low threshold of <see cref="SegmentMap.EightClass"/>.</summary>
    public double MeanRecencyScore { get; }

    /// <summary>Mean F score of the fitted population (1..k).</summary>
    public double MeanFrequencyScore { get; }

    /// <summary>Mean M score of the fitted population (1..k).</summary>
    public double MeanMonetaryScore { get; }

    /// <summary>Scores one customer; <see cref="RfmScore.Lead"/> when the customer has no purchase.</summary>
    /// <param name="customer">The customer's summary.</param>
    /// <returns>The customer's score.</returns>
    public RfmScore Score(in CustomerSummary customer)
    {
        if (!customer.HasPurchase)
        {
            return RfmScore.Lead;
        }

        return ScoreCore(customer.DaysSinceLastPurchase.GetValueOrDefault(), FrequencyOf(customer), MonetaryOf(customer));
    }

    /// <summary>Scores one customer given by raw values (for a customer who is not in a <see cref="CustomerSummaries"/>).</summary>
    /// <param name="daysSinceLastPurchase">Days from the last purchase to the observation end, at least 0.</param>
    /// <param name="frequency">The frequency in the unit of <see cref="FrequencyMeasure"/>; finite.</param>
    /// <param name="monetary">The monetary value in the unit of <see cref="MonetaryMeasure"/>; finite.</param>
    /// <returns>The score (never a lead: a lead has no last purchase; use <see cref="RfmScore.Lead"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite, or the days are negative.</exception>
    public RfmScore Score(double daysSinceLastPurchase, double frequency, double monetary)
    {
        Guard.NonNegative(daysSinceLastPurchase);
        Guard.Finite(frequency);
        Guard.Finite(monetary);
        return ScoreCore(daysSinceLastPurchase, frequency, monetary);
    }

    /// <summary>Scores a batch into a preallocated destination. Allocates nothing.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">Receives one score per customer, in the same order.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void Score(ReadOnlySpan<CustomerSummary> customers, Span<RfmScore> destination)
    {
        Guard.SameLength(customers.Length, destination.Length);
        double frequencyShift = FrequencyMeasure == FrequencyMeasure.PurchaseDays ? 0 : 1;
        bool total = MonetaryMeasure == MonetaryMeasure.Total;
        for (int i = 0; i < customers.Length; i++)
        {
            ref readonly var c = ref customers[i];
            int purchaseDays = c.PurchaseDays;
            if (purchaseDays <= 0)
            {
                destination[i] = RfmScore.Lead;
                continue;
            }

            double net = c.NetSpend;
            destination[i] = ScoreCore(c.DaysSinceLastPurchase.GetValueOrDefault(), purchaseDays - frequencyShift, total ? net : net / purchaseDays);
        }
    }

    /// <summary>Scores a batch.</summary>
    /// <param name="customers">The customers.</param>
    /// <returns>One score per customer, in the same order.</returns>
    public RfmScore[] Score(ReadOnlySpan<CustomerSummary> customers)
    {
        var result = new RfmScore[customers.Length];
        Score(customers, result);
        return result;
    }

    /// <summary>Writes the cut points as JSON (with a <c>Version</c> field) so they can be stored and applied later.</summary>
    /// <returns>The JSON text; doubles are written in their shortest round-trip form.</returns>
    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("Version", JsonVersion);
            w.WriteNumber(nameof(ScoreCount), ScoreCount);
            w.WriteString(nameof(FrequencyMeasure), FrequencyMeasure.ToString());
            w.WriteString(nameof(MonetaryMeasure), MonetaryMeasure.ToString());
            w.WriteNumber(nameof(PopulationSize), PopulationSize);
            WriteArray(w, nameof(Recency), _recency);
            WriteArray(w, nameof(Frequency), _frequency);
            WriteArray(w, nameof(Monetary), _monetary);
            w.WriteNumber(nameof(MeanRecencyScore), MeanRecencyScore);
            w.WriteNumber(nameof(MeanFrequencyScore), MeanFrequencyScore);
            w.WriteNumber(nameof(MeanMonetaryScore), MeanMonetaryScore);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads cut points written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The cut points, equal in every field to the ones written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The JSON is malformed, has an unknown <c>Version</c>, or a field is missing or invalid.</exception>
    public static RfmCutPoints FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad("the root is not an object");
            }

            int version = Property(root, "Version").GetInt32();
            if (version != JsonVersion)
            {
                throw Bad(Guard.Format($"unknown Version {version}; this library reads Version {JsonVersion}"));
            }

            int k = Property(root, nameof(ScoreCount)).GetInt32();
            if (k is < RfmOptions.MinScoreCount or > RfmOptions.MaxScoreCount)
            {
                throw Bad(Guard.Format($"ScoreCount must be between {RfmOptions.MinScoreCount} and {RfmOptions.MaxScoreCount}, but was {k}"));
            }

            var frequencyMeasure = ParseEnum<FrequencyMeasure>(root, nameof(FrequencyMeasure));
            var monetaryMeasure = ParseEnum<MonetaryMeasure>(root, nameof(MonetaryMeasure));
            int population = Property(root, nameof(PopulationSize)).GetInt32();
            if (population < 1)
            {
                throw Bad(Guard.Format($"PopulationSize must be at least 1, but was {population}"));
            }

            return new RfmCutPoints(
                k,
                frequencyMeasure,
                monetaryMeasure,
                ReadArray(root, nameof(Recency), k),
                ReadArray(root, nameof(Frequency), k),
                ReadArray(root, nameof(Monetary), k),
                population,
                ReadMean(root, nameof(MeanRecencyScore), k),
                ReadMean(root, nameof(MeanFrequencyScore), k),
                ReadMean(root, nameof(MeanMonetaryScore), k));
        }
        catch (JsonException e)
        {
            throw new FormatException("RFM cut points JSON is malformed: " + e.Message, e);
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException("RFM cut points JSON has a field of the wrong type: " + e.Message, e);
        }
    }

    internal double FrequencyOf(in CustomerSummary c) =>
        FrequencyMeasure == FrequencyMeasure.PurchaseDays ? c.PurchaseDays : c.Frequency;

    internal double MonetaryOf(in CustomerSummary c) =>
        MonetaryMeasure == MonetaryMeasure.Total ? c.NetSpend : c.NetSpend / c.PurchaseDays;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal RfmScore ScoreCore(double days, double frequency, double monetary)
    {
        Debug.Assert(!double.IsNaN(days) && !double.IsNaN(frequency) && !double.IsNaN(monetary));
        return RfmScore.FromParts(ScoreCount - CountBelow(_recency, days), 1 + CountBelow(_frequency, frequency), 1 + CountBelow(_monetary, monetary));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountBelow(double[] cuts, double value)
    {
        int n = 0;
        foreach (double c in cuts)
        {
            n += c < value ? 1 : 0;
        }

        return n;
    }

    private static void WriteArray(Utf8JsonWriter w, string name, double[] values)
    {
        w.WriteStartArray(name);
        foreach (double v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static JsonElement Property(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value : throw Bad("the field " + name + " is missing");

    private static T ParseEnum<T>(JsonElement root, string name)
        where T : struct, Enum
    {
        string? text = Property(root, name).GetString();
        return Enum.TryParse<T>(text, ignoreCase: false, out var value) && Enum.IsDefined(value) && !char.IsDigit(text![0])
            ? value
            : throw Bad(name + " '" + text + "' is not one of " + string.Join(", ", Enum.GetNames<T>()));
    }

    private static double[] ReadArray(JsonElement root, string name, int k)
    {
        var e = Property(root, name);
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != k - 1)
        {
            throw Bad(Guard.Format($"{name} must be an array of {k - 1} numbers (ScoreCount - 1)"));
        }

        var values = new double[k - 1];
        int i = 0;
        foreach (var item in e.EnumerateArray())
        {
            double v = item.GetDouble();
            if (!double.IsFinite(v) || (i > 0 && !(v >= values[i - 1])))
            {
                throw Bad(Guard.Format($"{name} must hold finite, non-decreasing numbers, but element {i} is {v}"));
            }

            values[i++] = v;
        }

        return values;
    }

    private static double ReadMean(JsonElement root, string name, int k)
    {
        double v = Property(root, name).GetDouble();
        return v >= 1 && v <= k ? v : throw Bad(Guard.Format($"{name} must be between 1 and {k}, but was {v}"));
    }

    private static FormatException Bad(string what) => new("RFM cut points JSON: " + what + ".");
}
