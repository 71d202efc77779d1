using System.Text.Json;
using Clv.Internal;

namespace Clv.Rfm;

/// <content>Persistence in the library's one JSON format.</content>
public sealed partial class SegmentMap
{
    private const string JsonName = "SegmentMap";

    /// <summary>
    /// Writes the map as versioned JSON: <c>{"model":"SegmentMap","version":1,"scoreCount":5,"matchPolicy":"Exclusive","rules":[{"segment":
    /// {"name":"Champions","chineseName":"冠军客户"},"r":[5,5],"f":[4,5],"m":[1,10]},...],"fallback":null,"leadSegment":{...}}</c>.
    /// </summary>
    /// <returns>The JSON text; <see cref="FromJson"/> rebuilds (and re-validates) an equal map.</returns>
    public string ToJson() => JsonFormat.Write(JsonName, w =>
    {
        w.WriteNumber("scoreCount", ScoreCount);
        w.WriteString("matchPolicy", MatchPolicy.ToString());
        w.WriteStartArray("rules");
        foreach (var rule in _rules)
        {
            w.WriteStartObject();
            WriteSegment(w, "segment", rule.Segment);
            WriteRange(w, "r", rule.R);
            WriteRange(w, "f", rule.F);
            WriteRange(w, "m", rule.M);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (Fallback is null)
        {
            w.WriteNull("fallback");
        }
        else
        {
            WriteSegment(w, "fallback", Fallback);
        }

        WriteSegment(w, "leadSegment", LeadSegment);
    });

    /// <summary>Reads a map written by <see cref="ToJson"/> and validates it as the constructor does.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The map.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a segment map of a supported version, a field is missing or invalid, or the rules do not form a valid map; the message names the field.</exception>
    public static SegmentMap FromJson(string json) => JsonFormat.Read(json, JsonName, r =>
    {
        var rules = new List<SegmentRule>();
        foreach (var (item, path) in r.Items("rules"))
        {
            var rule = r.At(item, path);
            rules.Add(new SegmentRule(ReadSegment(rule, "segment"), ReadRange(rule, "r"), ReadRange(rule, "f"), ReadRange(rule, "m")));
        }

        var fallback = r.Root.TryGetProperty("fallback", out var f) && f.ValueKind != JsonValueKind.Null ? ReadSegment(r, "fallback") : null;
        return new SegmentMap(r.Int("scoreCount"), rules, r.Enum<MatchPolicy>("matchPolicy"), fallback, ReadSegment(r, "leadSegment"));
    });

    private static void WriteSegment(Utf8JsonWriter w, string name, RfmSegment segment)
    {
        w.WriteStartObject(name);
        w.WriteString("name", segment.Name);
        w.WriteString("chineseName", segment.ChineseName);
        w.WriteEndObject();
    }

    private static void WriteRange(Utf8JsonWriter w, string name, ScoreRange range)
    {
        w.WriteStartArray(name);
        w.WriteNumberValue(range.Min);
        w.WriteNumberValue(range.Max);
        w.WriteEndArray();
    }

    private static RfmSegment ReadSegment(JsonFormat.Reader r, string field)
    {
        string name = r.String(field + ".name"), chinese = r.String(field + ".chineseName");
        return name.Length > 0 && chinese.Length > 0
            ? new RfmSegment(name, chinese)
            : throw r.Error(field, "has an empty name");
    }

    private static ScoreRange ReadRange(JsonFormat.Reader r, string field)
    {
        var v = r.Numbers(field, 2);
        if (v[0] != Math.Floor(v[0]) || v[1] != Math.Floor(v[1]) || v[0] < 1 || v[1] < v[0] || v[1] > RfmOptions.MaxScoreCount)
        {
            throw r.Error(field, Guard.Format($"is [{v[0]}, {v[1]}]; a score range is [min, max] with 1 ≤ min ≤ max ≤ {RfmOptions.MaxScoreCount}"));
        }

        return new ScoreRange((int)v[0], (int)v[1]);
    }
}
