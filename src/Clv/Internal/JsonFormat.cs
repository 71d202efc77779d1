using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Clv.Internal;

/// <summary>
/// The one JSON format of everything the library persists: <c>{"model": name, "version": 1, ...}</c> in camelCase, doubles in
/// round-trip form. Reading checks the model name and the version first, and every error names the field's path
/// (<c>parameters.alpha</c>).
/// </summary>
internal static class JsonFormat
{
    /// <summary>The format version written and the only one read.</summary>
    public const int Version = 1;

    /// <summary>Writes every Unicode letter as itself (segment names in Chinese stay readable); HTML-sensitive characters stay escaped.</summary>
    private static readonly System.Text.Encodings.Web.JavaScriptEncoder Encoder =
        System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Write(string model, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteNumber("version", Version);
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <c>"name": {names[i]: values[i], ...}</c>.</summary>
    public static void WriteNumbers(Utf8JsonWriter writer, string name, IReadOnlyList<string> names, ReadOnlySpan<double> values)
    {
        writer.WriteStartObject(name);
        for (int i = 0; i < names.Count; i++)
        {
            WriteNumber(writer, names[i], values[i]);
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes <c>"name": [values...]</c>.</summary>
    public static void WriteArray(Utf8JsonWriter writer, string name, ReadOnlySpan<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double v in values)
        {
            WriteNumberValue(writer, v);
        }

        writer.WriteEndArray();
    }

    /// <summary>
    /// Writes <c>"name": value</c> for a finite double in text that reads back as it: the writer's shortest text, or 17 digits
    /// for the two doubles whose shortest .NET text does not (<see cref="RoundTripText"/>).
    /// </summary>
    public static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        if (RoundTripText.IsMisread(value))
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(RoundTripText.Long(value), skipInputValidation: true);
        }
        else
        {
            writer.WriteNumber(name, value);
        }
    }

    /// <summary>Writes a finite double as an array element, in text that reads back as it (see <see cref="WriteNumber"/>).</summary>
    public static void WriteNumberValue(Utf8JsonWriter writer, double value)
    {
        if (RoundTripText.IsMisread(value))
        {
            writer.WriteRawValue(RoundTripText.Long(value), skipInputValidation: true);
        }
        else
        {
            writer.WriteNumberValue(value);
        }
    }

    /// <summary>The value of the <c>"model"</c> field, or null when the text is a JSON value without one.</summary>
    /// <exception cref="FormatException">The text is not valid JSON.</exception>
    public static string? ModelName(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (Duplicate(doc.RootElement, string.Empty) is { } twice)
            {
                throw new FormatException(Guard.Format($"Cannot read a model: field \"{twice}\" appears more than once."));
            }

            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString()
                : null;
        }
        catch (JsonException ex)
        {
            throw new FormatException(Guard.Format($"Cannot read a model: the text is not valid JSON ({ex.Message})"), ex);
        }
    }

    /// <summary>Parses <paramref name="json"/> and checks its model name and version; runs <paramref name="read"/> on it.</summary>
    /// <exception cref="FormatException">Malformed text, another model, an unsupported version, or (from <paramref name="read"/>) a bad field.</exception>
    public static T Read<T>(string json, string model, Func<Reader, T> read)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException(Guard.Format($"Cannot read {model} JSON: the text is not valid JSON ({ex.Message})"), ex);
        }

        using (doc)
        {
            var reader = new Reader(doc.RootElement, model);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw reader.Error(string.Empty, "the text is not a JSON object");
            }

            if (Duplicate(doc.RootElement, string.Empty) is { } twice)
            {
                throw reader.Error(twice, "appears more than once");
            }

            string name = reader.String("model");
            if (name != model)
            {
                throw reader.Error("model", Guard.Format($"is \"{name}\", expected \"{model}\""));
            }

            int version = reader.Int("version");
            if (version != Version)
            {
                throw reader.Error("version", Guard.Format($"is {version}; this library reads version {Version}"));
            }

            try
            {
                return read(reader);
            }
            catch (ArgumentException ex)
            {
                // A constructor rejected a value that is well-formed JSON: say which field, with the constructor's reason.
                string field = ex.ParamName switch
                {
                    { } p when reader.Has("parameters." + p) => "parameters." + p,
                    { } p when reader.LastField is { } last && last.EndsWith(p, StringComparison.OrdinalIgnoreCase) => last,
                    { } p when reader.Has(p) => p,
                    _ => reader.LastField ?? "?",
                };
                throw reader.Error(field, "is invalid: " + ex.Message.Split(" (Parameter", 2)[0]);
            }
        }
    }

    /// <summary>
    /// The path of the first property whose name its object already has (<c>parameters.alpha</c>, <c>rules[1].stage</c>), in
    /// document order, or null. JSON leaves duplicate names undefined and a reader would keep one of the values without a
    /// word; a saved model or policy with one was edited by hand, and which value was meant is the user's to say.
    /// </summary>
    internal static string? Duplicate(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                HashSet<string>? seen = null;
                foreach (var property in element.EnumerateObject())
                {
                    string at = path.Length == 0 ? property.Name : path + "." + property.Name;
                    if (!(seen ??= new HashSet<string>(StringComparer.Ordinal)).Add(property.Name))
                    {
                        return at;
                    }

                    if (Duplicate(property.Value, at) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                int i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Duplicate(item, Guard.Format($"{path}[{i++}]")) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Field access with errors that name the field's path.</summary>
    internal sealed class Reader(JsonElement root, string model, string prefix = "")
    {
        public string? LastField { get; private set; }

        public JsonElement Root => root;

        public bool Has(string path) => TryFind(path, out _);

        public JsonElement Element(string path, JsonValueKind kind)
        {
            LastField = path;
            if (!TryFind(path, out var e))
            {
                throw Error(path, "is missing");
            }

            if (e.ValueKind != kind && !(kind == JsonValueKind.True && e.ValueKind == JsonValueKind.False))
            {
                throw Error(path, Guard.Format($"is {Describe(e)}, expected {Describe(kind)}"));
            }

            return e;
        }

        public double Number(string path)
        {
            var e = Element(path, JsonValueKind.Number);
            return e.TryGetDouble(out double v) && double.IsFinite(v) ? v : throw Error(path, Guard.Format($"is not a finite number (it is {e.GetRawText()})"));
        }

        /// <summary>A number that may also be written as the strings "NaN", "Infinity" or "-Infinity" (standard errors, log-likelihoods).</summary>
        public double NumberOrSpecial(string path)
        {
            LastField = path;
            if (TryFind(path, out var e) && e.ValueKind == JsonValueKind.String)
            {
                return e.GetString() switch
                {
                    "NaN" => double.NaN,
                    "Infinity" => double.PositiveInfinity,
                    "-Infinity" => double.NegativeInfinity,
                    var s => throw Error(path, Guard.Format($"is the string \"{s}\", expected a number, \"NaN\" or \"Infinity\"")),
                };
            }

            // A literal beyond a double's range (1e400) is not read as infinity: the special values are written as strings.
            var n = Element(path, JsonValueKind.Number);
            return n.TryGetDouble(out double v) && double.IsFinite(v) ? v : throw Error(path, "is a number beyond the range of a double (infinity is written \"Infinity\")");
        }

        public double Positive(string path)
        {
            double v = Number(path);
            return v > 0 ? v : throw Error(path, Guard.Format($"is {v}; it must be greater than 0"));
        }

        public int Int(string path)
        {
            var e = Element(path, JsonValueKind.Number);
            return e.TryGetInt32(out int v) ? v : throw Error(path, "is not a whole number");
        }

        public long Long(string path)
        {
            var e = Element(path, JsonValueKind.Number);
            return e.TryGetInt64(out long v) ? v : throw Error(path, "is not a whole number");
        }

        /// <summary>A count: a whole number, 0 or more.</summary>
        public long Count(string path)
        {
            long v = Long(path);
            return v >= 0 ? v : throw Error(path, Guard.Format($"is {v}; a count must be 0 or more"));
        }

        public bool Bool(string path) => Element(path, JsonValueKind.True).GetBoolean();

        public string String(string path) => Element(path, JsonValueKind.String).GetString()!;

        public TEnum Enum<TEnum>(string path)
            where TEnum : struct, System.Enum
        {
            string text = String(path);
            return System.Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value) && !(text.Length > 0 && (char.IsDigit(text[0]) || text[0] == '-'))
                ? value
                : throw Error(path, Guard.Format($"is \"{text}\", expected one of {string.Join(", ", System.Enum.GetNames<TEnum>())}"));
        }

        public double[] Numbers(string path, int length)
        {
            var e = Element(path, JsonValueKind.Array);
            if (length >= 0 && e.GetArrayLength() != length)
            {
                throw Error(path, Guard.Format($"has {e.GetArrayLength()} elements, expected {length}"));
            }

            var values = new double[e.GetArrayLength()];
            int i = 0;
            foreach (var item in e.EnumerateArray())
            {
                values[i] = item.ValueKind == JsonValueKind.Number && item.TryGetDouble(out double v) && double.IsFinite(v)
                    ? v
                    : throw Error(Guard.Format($"{path}[{i}]"), Guard.Format($"is not a finite number (it is {item.GetRawText()})"));
                i++;
            }

            return values;
        }

        public IEnumerable<(JsonElement Item, string Path)> Items(string path)
        {
            var e = Element(path, JsonValueKind.Array);
            int i = 0;
            foreach (var item in e.EnumerateArray())
            {
                yield return (item, Guard.Format($"{prefix}{path}[{i++}]"));
            }
        }

        /// <summary>A reader of a nested object whose errors carry its path (<c>rules[0].</c>).</summary>
        public Reader At(JsonElement element, string path) => new(element, model, prefix + path + ".") { LastField = LastField };

        public FormatException Error(string path, string problem) =>
            new(path.Length == 0 && prefix.Length == 0
                ? Guard.Format($"Cannot read {model} JSON: {problem}.")
                : Guard.Format($"Cannot read {model} JSON: field \"{prefix}{path}\" {problem}."));

        private bool TryFind(string path, out JsonElement element)
        {
            element = root;
            foreach (string part in path.Split('.'))
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
                {
                    return false;
                }
            }

            return true;
        }

        private static string Describe(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => "the string \"" + e.GetString() + "\"",
            JsonValueKind.Number => "the number " + e.GetRawText(),
            _ => Describe(e.ValueKind),
        };

        private static string Describe(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "true or false",
            JsonValueKind.Null => "null",
            _ => kind.ToString().ToLower(CultureInfo.InvariantCulture),
        };
    }
}
