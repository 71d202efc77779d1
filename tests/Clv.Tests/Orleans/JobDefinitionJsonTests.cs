using System.Text.Json.Nodes;
using Clv.Orleans;
using Clv.Orleans.Internal;

namespace Clv.Tests.Orleans;

/// <summary>
/// <see cref="JobDefinition.FromJson"/> on a definition from grain storage or a grain call that was not written by
/// <see cref="JobDefinition.ToJson"/>: a missing field, a value of the wrong type, or a value <see cref="JobDefinition.FromSpec"/>
/// refuses is a <see cref="FormatException"/> naming the field and its value (a missing field was read as its default, a
/// wrong type escaped as the serializer's JsonException, and a horizon of 0 periods or an undefined time unit was kept).
/// </summary>
public class JobDefinitionJsonTests
{
    private static string Valid() => JobDefinition.FromSpec(new ClusterJobSpec
    {
        JobId = "job",
        Partitions = [["a.csv"], ["b.parquet"]],
        ObservationEnd = new DateOnly(2024, 3, 31),
        OutputFolder = "out",
    }).ToJson();

    public static TheoryData<string, string, string> Spoilt => new()
    {
        { "horizonPeriods", "remove", "field \"horizonPeriods\" is missing" },
        { "jobId", "remove", "field \"jobId\" is missing" },
        { "horizonPeriods", "\"twelve\"", "field \"horizonPeriods\" is the string \"twelve\"" },
        { "horizonPeriods", "0", "field \"horizonPeriods\" is 0; it must be 1 to 1,000,000" },
        { "timeUnit", "9", "field \"timeUnit\" is 9; it must be Day, Week, Month or Year" },
        { "outputFormat", "-1", "field \"outputFormat\" is -1; it must be Parquet or Csv" },
        { "marginRate", "1e400", "field \"marginRate\" is 1e400: The number is beyond the range of a double" },
        { "marginRate", "-0.5", "field \"marginRate\" is -0.5; it must be a finite number of at least 0" },
        { "discountRate", "\"x\"", "field \"discountRate\" is the string \"x\"" },
        { "jobId", "null", "field \"jobId\" is null; it must not be empty" },
        { "jobId", "\" \"", "field \"jobId\" is \" \"; it must not be empty" },
        { "partitions", "[]", "field \"partitions\" is an array of 0; it must list at least one partition" },
        { "partitions", "[[\"a.csv\"],[]]", "field \"partitions[1]\" is an array of 0; it must list at least one file" },
        { "partitions", "[[\"a.csv\", null]]", "field \"partitions[0][1]\" is null; it must be a file's path" },
        { "partitions", "[[\"a.csv\", 5]]", "field \"partitions[0][1]\" is 5" },
        { "csv", "null", "field \"csv\" is null; it must be an object" },
        { "observationEnd", "\"2024-13-01\"", "field \"observationEnd\" is the string \"2024-13-01\"" },
        { "rfmCutPointsJson", "\"{}\"", "field \"rfmCutPointsJson\" is not RFM cut points" },
    };

    [Theory]
    [MemberData(nameof(Spoilt))]
    public void FromJson_BadField_ThrowsNamingTheFieldAndValue(string field, string value, string expected)
    {
        var root = JsonNode.Parse(Valid())!.AsObject();
        if (value == "remove")
        {
            root.Remove(field);
        }
        else
        {
            root[field] = JsonNode.Parse(value);
        }

        var ex = Assert.Throws<FormatException>(() => JobDefinition.FromJson(root.ToJsonString()));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mode", "7", "field \"csv.mode\" is 7; it must be Strict or Lenient")]
    [InlineData("mode", "\"Lenient\"", "field \"csv.mode\" is the string \"Lenient\"")]
    [InlineData("timeZone", "\"Mars/Olympus_Mons\"", "field \"csv.timeZone\" is \"Mars/Olympus_Mons\"; it must be the id of a system time zone")]
    [InlineData("dateColumn", "null", "field \"csv.dateColumn\" is null; it must be a string")]
    [InlineData("maxRecordLength", "1.5", "field \"csv.maxRecordLength\" is 1.5")]
    public void FromJson_BadCsvField_ThrowsNamingItsPath(string field, string value, string expected)
    {
        var root = JsonNode.Parse(Valid())!.AsObject();
        root["csv"]![field] = JsonNode.Parse(value);
        var ex = Assert.Throws<FormatException>(() => JobDefinition.FromJson(root.ToJsonString()));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null", "the text is null, not a job definition object")]
    [InlineData("[1]", "the text is an array, not a job definition object")]
    [InlineData("{\"jobId\":", "the text is not valid JSON")]
    public void FromJson_NotADefinition_ThrowsSayingWhy(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => JobDefinition.FromJson(json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_WhatToJsonWrote_ReadsBackTheSame()
    {
        string json = Valid();
        Assert.Equal(json, JobDefinition.FromJson(json).ToJson());
    }

    /// <summary>The CSV part files' options travel to the silos; a definition stored before they existed reads with the defaults.</summary>
    [Fact]
    public void CsvOutput_ShipsToTheSilos_AndAnOlderDefinitionReadsTheDefaults()
    {
        var spec = new ClusterJobSpec
        {
            JobId = "job",
            Partitions = [["a.csv"]],
            ObservationEnd = new DateOnly(2024, 3, 31),
            OutputFolder = "out",
            OutputFormat = ClusterOutputFormat.Csv,
            CsvOutput = new Clv.Csv.CsvWriteOptions { EscapeFormulas = false, ByteOrderMark = true },
        };
        var shipped = JobDefinition.FromJson(JobDefinition.FromSpec(spec).ToJson()).CsvOutput();
        Assert.Equal((false, true), (shipped.EscapeFormulas, shipped.ByteOrderMark));

        var root = JsonNode.Parse(Valid())!.AsObject();
        Assert.True(root.Remove("csvByteOrderMark") && root.Remove("csvEscapeFormulas"));
        var older = JobDefinition.FromJson(root.ToJsonString()).CsvOutput();
        Assert.Equal((true, false), (older.EscapeFormulas, older.ByteOrderMark));
    }
}
