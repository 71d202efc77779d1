using Clv.Internal;

namespace Clv.Rfm;

/// <content>Persistence in the library's one JSON format.</content>
public sealed partial class RfmCutPoints
{
    private const string JsonName = "RfmCutPoints";

    /// <summary>
    /// Writes the cut points as versioned JSON: <c>{"model":"RfmCutPoints","version":1,"scoreCount":5,"frequencyMeasure":"PurchaseDays",
    /// "monetaryMeasure":"Total","populationSize":..,"daysSinceLastPurchase":[..],"frequency":[..],"monetary":[..],"meanScores":{"r":..,"f":..,"m":..}}</c>.
    /// </summary>
    /// <returns>The JSON text; doubles in their shortest round-trip form.</returns>
    public string ToJson() => JsonFormat.Write(JsonName, w =>
    {
        w.WriteNumber("scoreCount", ScoreCount);
        w.WriteString("frequencyMeasure", FrequencyMeasure.ToString());
        w.WriteString("monetaryMeasure", MonetaryMeasure.ToString());
        w.WriteNumber("populationSize", PopulationSize);
        JsonFormat.WriteArray(w, "daysSinceLastPurchase", _days);
        JsonFormat.WriteArray(w, "frequency", _frequency);
        JsonFormat.WriteArray(w, "monetary", _monetary);
        JsonFormat.WriteNumbers(w, "meanScores", ["r", "f", "m"], [MeanRScore, MeanFScore, MeanMScore]);
    });

    /// <summary>Reads cut points written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The cut points, equal in every field to the ones written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not RFM cut points of a supported version, or a field is missing or invalid; the message names the field.</exception>
    public static RfmCutPoints FromJson(string json) => JsonFormat.Read(json, JsonName, r =>
    {
        int k = r.Int("scoreCount");
        if (k is < RfmOptions.MinScoreCount or > RfmOptions.MaxScoreCount)
        {
            throw r.Error("scoreCount", Guard.Format($"is {k}; it must be between {RfmOptions.MinScoreCount} and {RfmOptions.MaxScoreCount}"));
        }

        int population = r.Int("populationSize");
        if (population < 1)
        {
            throw r.Error("populationSize", Guard.Format($"is {population}; it must be at least 1"));
        }

        return new RfmCutPoints(
            k,
            r.Enum<FrequencyMeasure>("frequencyMeasure"),
            r.Enum<MonetaryMeasure>("monetaryMeasure"),
            Ascending(r, "daysSinceLastPurchase", k),
            Ascending(r, "frequency", k),
            Ascending(r, "monetary", k),
            population,
            Mean(r, "meanScores.r", k),
            Mean(r, "meanScores.f", k),
            Mean(r, "meanScores.m", k));
    });

    private static double[] Ascending(JsonFormat.Reader r, string field, int k)
    {
        var values = r.Numbers(field, k - 1);
        for (int i = 1; i < values.Length; i++)
        {
            if (!(values[i] >= values[i - 1]))
            {
                throw r.Error(Guard.Format($"{field}[{i}]"), Guard.Format($"is {values[i]}, below the element before it ({values[i - 1]}): cut points ascend"));
            }
        }

        return values;
    }

    private static double Mean(JsonFormat.Reader r, string field, int k)
    {
        double v = r.Number(field);
        return v >= 1 && v <= k ? v : throw r.Error(field, Guard.Format($"is {v}; a mean score lies between 1 and {k}"));
    }
}
