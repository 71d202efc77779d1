using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Clv.Probabilistic;

/// <summary>
/// The versioned JSON format of every fitted model: <c>{"model": name, "version": 1, "timeUnit": unit (when the model
/// has one), "parameters": {name: value, ...}}</c>. Doubles are written in round-trip form; reading checks the model
/// name, the version, every parameter and (through the model's constructor) their ranges.
/// </summary>
internal static class ModelJson
{
    /// <summary>The format version written and the only one read.</summary>
    public const int Version = 1;

    public static string Write(string model, TimeUnit? unit, string[] names, double[] values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteNumber("version", Version);
            if (unit is { } u)
            {
                writer.WriteString("timeUnit", u.ToString());
            }

            writer.WriteStartObject("parameters");
            for (int i = 0; i < names.Length; i++)
            {
                writer.WriteNumber(names[i], values[i]);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static (TimeUnit Unit, double[] Values) Read(string json, string model, string[] names, bool requireUnit)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Fail(model, "the text is not a JSON object");
            }

            string? name = root.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (name != model)
            {
                throw Fail(model, string.Create(CultureInfo.InvariantCulture, $"\"model\" is \"{name}\", expected \"{model}\""));
            }

            if (!root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out int version))
            {
                throw Fail(model, "\"version\" is missing");
            }

            if (version != Version)
            {
                throw Fail(model, string.Create(CultureInfo.InvariantCulture, $"version {version} is not supported (this library reads version {Version})"));
            }

            var unit = TimeUnit.Week;
            if (requireUnit)
            {
                string? u = root.TryGetProperty("timeUnit", out var tu) && tu.ValueKind == JsonValueKind.String ? tu.GetString() : null;
                if (u is null || !Enum.TryParse(u, ignoreCase: false, out unit) || !Enum.IsDefined(unit) || int.TryParse(u, out _))
                {
                    throw Fail(model, string.Create(CultureInfo.InvariantCulture, $"\"timeUnit\" is \"{u}\", expected Day, Week, Month or Year"));
                }
            }

            if (!root.TryGetProperty("parameters", out var p) || p.ValueKind != JsonValueKind.Object)
            {
                throw Fail(model, "\"parameters\" is missing");
            }

            var values = new double[names.Length];
            for (int i = 0; i < names.Length; i++)
            {
                if (!p.TryGetProperty(names[i], out var e) || e.ValueKind != JsonValueKind.Number)
                {
                    throw Fail(model, string.Create(CultureInfo.InvariantCulture, $"parameter \"{names[i]}\" is missing or not a number"));
                }

                values[i] = e.GetDouble();
            }

            return (unit, values);
        }
        catch (JsonException ex)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Cannot read a {model} model: {ex.Message}"), ex);
        }
    }

    /// <summary>Builds the model, turning a constructor's range error into a <see cref="FormatException"/>.</summary>
    public static T Create<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new FormatException("Cannot read the model: " + ex.Message, ex);
        }
    }

    private static FormatException Fail(string model, string why) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Cannot read a {model} model: {why}."));
}
