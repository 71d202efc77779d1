using System.Text.Json;
using Clv.Rfm;

namespace Clv.Orleans.Internal;

/// <content>
/// Reading a definition back (grain storage, a grain call): every error is a <see cref="FormatException"/> naming the field
/// by its JSON path and its value, as <c>FitResult.FromJson</c>'s do: a missing field, a value of the wrong type, and a
/// value <see cref="FromSpec"/> would have refused.
/// </content>
internal sealed partial class JobDefinition
{
    /// <summary>The fields every definition <see cref="ToJson"/> writes and a run cannot do without.</summary>
    private static readonly string[] Required =
        ["jobId", "partitions", "observationEnd", "timeUnit", "outputFolder", "outputFormat", "horizonPeriods", "horizonPeriod", "discountRate", "discountPeriod", "marginRate"];

    public static JobDefinition FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using (var document = Parse(json))
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Error(null, Format($"the text is {Describe(document.RootElement)}, not a job definition object"));
            }

            foreach (string field in Required)
            {
                if (!document.RootElement.TryGetProperty(field, out _))
                {
                    throw Error(field, "is missing");
                }
            }

            try
            {
                var definition = JsonSerializer.Deserialize<JobDefinition>(document.RootElement, Json)!;
                definition.Validate();
                return definition;
            }
            catch (JsonException e)
            {
                string field = (e.Path ?? "$").TrimStart('$').TrimStart('.');
                string problem = e.Message.Split(" Path: ", 2)[0];
                throw Error(field.Length == 0 ? null : field, Find(document.RootElement, field) is { } value
                    ? Format($"is {Describe(value)}: {problem}")
                    : problem, e);
            }
        }
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw Error(null, Format($"the text is not valid JSON ({e.Message})"), e);
        }
    }

    /// <summary>The values <see cref="FromSpec"/> checks, and the ones a silo could not use (nulls, undefined enum values, unknown time zones).</summary>
    private void Validate()
    {
        Check(!string.IsNullOrWhiteSpace(JobId), "jobId", JobId, "must not be empty");
        Check(Partitions is { Length: > 0 }, "partitions", Partitions, "must list at least one partition");
        for (int p = 0; p < Partitions!.Length; p++)
        {
            Check(Partitions[p] is { Length: > 0 }, Format($"partitions[{p}]"), Partitions[p], "must list at least one file");
            for (int f = 0; f < Partitions[p].Length; f++)
            {
                Check(!string.IsNullOrWhiteSpace(Partitions[p][f]), Format($"partitions[{p}][{f}]"), Partitions[p][f], "must be a file's path");
            }
        }

        Check(Enum.IsDefined(TimeUnit), "timeUnit", TimeUnit, "must be Day, Week, Month or Year");
        Check(!string.IsNullOrWhiteSpace(OutputFolder), "outputFolder", OutputFolder, "must not be empty");
        Check(Enum.IsDefined(OutputFormat), "outputFormat", OutputFormat, "must be Parquet or Csv");
        Check(HorizonPeriods is >= 1 and <= MaxHorizonPeriods, "horizonPeriods", HorizonPeriods, Format($"must be 1 to {MaxHorizonPeriods:N0}"));
        Check(Enum.IsDefined(HorizonPeriod), "horizonPeriod", HorizonPeriod, "must be Day, Week, Month or Year");
        Check(DiscountRate >= 0 && double.IsFinite(DiscountRate), "discountRate", DiscountRate, "must be a finite number of at least 0");
        Check(Enum.IsDefined(DiscountPeriod), "discountPeriod", DiscountPeriod, "must be Day, Week, Month or Year");
        Check(MarginRate >= 0 && double.IsFinite(MarginRate), "marginRate", MarginRate, "must be a finite number of at least 0");

        Check(Csv is not null, "csv", Csv, "must be an object");
        foreach (var (name, value) in new[] { ("customerIdColumn", Csv!.CustomerIdColumn), ("dateColumn", Csv.DateColumn), ("amountColumn", Csv.AmountColumn), ("dateFormat", Csv.DateFormat), ("culture", Csv.Culture) })
        {
            Check(value is not null, "csv." + name, value, "must be a string");
        }

        Check(Csv.Numbers is not null, "csv.numbers", Csv.Numbers, "must be an object");
        var n = Csv.Numbers!;
        foreach (var (name, value) in new[] { ("decimalSeparator", n.DecimalSeparator), ("negativeSign", n.NegativeSign), ("positiveSign", n.PositiveSign), ("naNSymbol", n.NaNSymbol), ("positiveInfinitySymbol", n.PositiveInfinitySymbol), ("negativeInfinitySymbol", n.NegativeInfinitySymbol) })
        {
            Check(value is not null, "csv.numbers." + name, value, "must be a string");
        }

        Check(Enum.IsDefined(Csv.Mode), "csv.mode", Csv.Mode, "must be Strict or Lenient");
        CheckZone(Csv.TimeZone, "csv.timeZone");
        Check(Parquet is not null, "parquet", Parquet, "must be an object");
        foreach (var (name, value) in new[] { ("customerIdColumn", Parquet!.CustomerIdColumn), ("dateColumn", Parquet.DateColumn), ("amountColumn", Parquet.AmountColumn), ("dateFormat", Parquet.DateFormat) })
        {
            Check(value is not null, "parquet." + name, value, "must be a string");
        }

        Check(Enum.IsDefined(Parquet.Mode), "parquet.mode", Parquet.Mode, "must be Strict or Lenient");
        CheckZone(Parquet.TimeZone, "parquet.timeZone");
        if (RfmCutPointsJson is { } cuts)
        {
            try
            {
                _ = RfmCutPoints.FromJson(cuts);
            }
            catch (FormatException e)
            {
                throw Error("rfmCutPointsJson", "is not RFM cut points: " + e.Message, e);
            }
        }
    }

    private static void CheckZone(string? zone, string field) =>
        Check(zone is null || TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _), field, zone, "must be the id of a system time zone");

    private static void Check<T>(bool valid, string field, T value, string rule)
    {
        if (!valid)
        {
            string shown = value switch
            {
                null => "null",
                string s => "\"" + s + "\"",
                Enum e => Format($"{Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture)}"),
                double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                Array a => Format($"an array of {a.Length}"),
                _ => Format($"{value}"),
            };
            throw Error(field, Format($"is {shown}; it {rule}"));
        }
    }

    private static FormatException Error(string? field, string problem, Exception? inner = null) =>
        new(field is null ? Format($"Cannot read a job definition: {problem}.") : Format($"Cannot read a job definition: field \"{field}\" {problem}."), inner);

    /// <summary>The element at a serializer path (<c>csv.numbers.negativeSign</c>, <c>partitions[0][1]</c>), or null.</summary>
    private static JsonElement? Find(JsonElement root, string path)
    {
        var element = root;
        foreach (string part in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] pieces = part.Split('[');
            if (pieces[0].Length > 0 && (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(pieces[0], out element)))
            {
                return null;
            }

            foreach (string index in pieces.Skip(1))
            {
                if (element.ValueKind != JsonValueKind.Array || !int.TryParse(index.TrimEnd(']'), System.Globalization.CultureInfo.InvariantCulture, out int i) || i < 0 || i >= element.GetArrayLength())
                {
                    return null;
                }

                element = element[i];
            }
        }

        return element;
    }

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "the string \"" + e.GetString() + "\"",
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => "null",
    };
}
