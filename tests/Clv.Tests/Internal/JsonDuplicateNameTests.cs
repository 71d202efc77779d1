using System.Buffers;
using System.Text;
using System.Text.Json;
using Clv.Internal;
using Clv.Lifecycle;
using Clv.Probabilistic;
using Clv.Rfm;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Internal;

/// <summary>
/// A persisted model, policy or map whose object repeats a property name is refused with the repeated field's path: JSON
/// leaves such a text undefined and System.Text.Json would keep the last value without a word (a hand-edited
/// <c>{"model": "BG/NBD", "model": ...}</c> or a second <c>"alpha"</c> was read before).
/// </summary>
public class JsonDuplicateNameTests
{
    /// <summary>Every persisted kind reached through its public reader, with a valid text of it.</summary>
    private static readonly (string Name, string Json, Action<string> Read)[] Documents =
    [
        ("BG/NBD", new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week).ToJson(), j => BgNbdModel.FromJson(j)),
        ("Gamma-Gamma", new GammaGammaModel(6.25, 3.74, 15.44).ToJson(), j => GammaGammaModel.FromJson(j)),
        ("lifecycle policy", LifecyclePolicy.FromDays().ToJson(), j => LifecyclePolicy.FromJson(j)),
        ("segment map", SegmentMap.RfGrid().ToJson(), j => SegmentMap.FromJson(j)),
    ];

    [Fact]
    public void Read_ARepeatedTopLevelName_NamesIt()
    {
        var ex = Assert.Throws<FormatException>(() => JsonFormat.Read("""{"model":"Test","version":1,"model":"Other"}""", "Test", r => 0));
        Assert.Equal("Cannot read Test JSON: field \"model\" appears more than once.", ex.Message);
    }

    [Fact]
    public void Read_ARepeatedNameInsideAnArray_NamesItsPath()
    {
        var ex = Assert.Throws<FormatException>(() => JsonFormat.Read(
            """{"model":"Test","version":1,"rules":[{"w":1},{"w":2,"v":{"x":1,"x":1}}]}""", "Test", r => 0));
        Assert.Equal("Cannot read Test JSON: field \"rules[1].v.x\" appears more than once.", ex.Message);
    }

    [Fact]
    public void ModelName_ARepeatedName_IsRefused()
    {
        var ex = Assert.Throws<FormatException>(() => JsonFormat.ModelName("""{"model":"BG/NBD","model":"Pareto/NBD"}"""));
        Assert.Equal("Cannot read a model: field \"model\" appears more than once.", ex.Message);
    }

    [Fact]
    public void Duplicate_TheSameNameInDifferentObjects_IsNotARepeat()
    {
        using var doc = JsonDocument.Parse("""{"a":{"x":1},"b":{"x":2},"c":[{"x":1},{"x":2}],"x":3}""");
        Assert.Null(JsonFormat.Duplicate(doc.RootElement, string.Empty));
    }

    [Fact]
    public void BgNbdFromJson_ASecondAlpha_NamesTheParameter()
    {
        string json = new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week).ToJson();
        string twice = json.Replace("\"alpha\":", "\"alpha\":1,\"alpha\":", StringComparison.Ordinal);
        Assert.NotEqual(json, twice);
        var ex = Assert.Throws<FormatException>(() => BgNbdModel.FromJson(twice));
        Assert.Equal("Cannot read BG/NBD JSON: field \"parameters.alpha\" appears more than once.", ex.Message);
    }

    [Fact]
    public void EveryDocument_AsWritten_ReadsBack()
    {
        foreach (var (_, json, read) in Documents)
        {
            read(json);
        }
    }

    /// <summary>Any property of any object of any persisted kind, written twice, is refused naming that property's path.</summary>
    [Property(MaxTest = 300)]
    public Property AnyPropertyWrittenTwice_IsRefusedNamingItsPath() =>
        Prop.ForAll(Gen.Choose(0, Documents.Length - 1).SelectMany(d => Gen.Choose(0, 10_000).Select(p => (d, p))).ToArbitrary(), c =>
        {
            var (name, json, read) = Documents[c.d];
            using var doc = JsonDocument.Parse(json);
            var properties = new List<string>();
            Paths(doc.RootElement, string.Empty, properties);
            string target = properties[c.p % properties.Count];
            string twice = WriteTwice(doc.RootElement, target);
            var ex = Record.Exception(() => read(twice));
            return ex is FormatException f && f.Message.EndsWith($"field \"{target}\" appears more than once.", StringComparison.Ordinal)
                ? true.Label(name)
                : false.Label($"{name}, {target}: {ex?.Message ?? "read without an error"}");
        });

    private static void Paths(JsonElement e, string path, List<string> into)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                string at = path.Length == 0 ? p.Name : path + "." + p.Name;
                into.Add(at);
                Paths(p.Value, at, into);
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (var item in e.EnumerateArray())
            {
                Paths(item, path + "[" + i++ + "]", into);
            }
        }
    }

    /// <summary>The document with the property at <paramref name="target"/> written twice in a row (the same value both times).</summary>
    private static string WriteTwice(JsonElement root, string target)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, root, string.Empty, target);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement e, string path, string target)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in e.EnumerateObject())
                {
                    string at = path.Length == 0 ? p.Name : path + "." + p.Name;
                    for (int k = 0; k < (at == target ? 2 : 1); k++)
                    {
                        writer.WritePropertyName(p.Name);
                        Write(writer, p.Value, at, target);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                int i = 0;
                foreach (var item in e.EnumerateArray())
                {
                    Write(writer, item, path + "[" + i++ + "]", target);
                }

                writer.WriteEndArray();
                break;
            default:
                e.WriteTo(writer);
                break;
        }
    }
}
