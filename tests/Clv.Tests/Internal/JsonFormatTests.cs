using System.Text.Json;
using Clv.Internal;

namespace Clv.Tests.Internal;

/// <summary>
/// <see cref="JsonFormat"/> directly: the model name and version checks, each field reader's accepted and refused
/// values, and the exact message of every error (the field's path, what was found, what was expected). The model,
/// segment-map, cut-point and policy JSON tests reach it through their types; these pin what they leave open
/// (the mutation run of this file left the null checks, the boolean kind, infinite numbers, digit enum names,
/// array lengths of zero and nested paths untested).
/// </summary>
public class JsonFormatTests
{
    private const string Model = "Test";

    [Fact]
    public void ModelName_Null_ThrowsNamingJson()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => JsonFormat.ModelName(null!));
        Assert.Equal("json", ex.ParamName);
    }

    [Theory]
    [InlineData("""{"model":"BG/NBD","version":1}""", "BG/NBD")]
    [InlineData("""{"version":1}""", null)]
    [InlineData("""{"model":3}""", null)]
    [InlineData("[1,2]", null)]
    public void ModelName_TheModelFieldOrNull(string json, string? expected) =>
        Assert.Equal(expected, JsonFormat.ModelName(json));

    [Fact]
    public void Read_Null_ThrowsNamingJson()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => JsonFormat.Read(null!, Model, r => 0));
        Assert.Equal("json", ex.ParamName);
    }

    [Fact]
    public void Read_NotAnObject_SaysSoWithoutAField()
    {
        var ex = Assert.Throws<FormatException>(() => JsonFormat.Read("[1]", Model, r => 0));
        Assert.Equal("Cannot read Test JSON: the text is not a JSON object.", ex.Message);
    }

    [Fact]
    public void Read_AnotherModelOrVersion_NamesTheField()
    {
        var model = Assert.Throws<FormatException>(() => JsonFormat.Read("""{"model":"Other","version":1}""", Model, r => 0));
        Assert.Equal("Cannot read Test JSON: field \"model\" is \"Other\", expected \"Test\".", model.Message);
        var version = Assert.Throws<FormatException>(() => JsonFormat.Read("""{"model":"Test","version":2}""", Model, r => 0));
        Assert.Equal("Cannot read Test JSON: field \"version\" is 2; this library reads version 1.", version.Message);
    }

    [Fact]
    public void Read_ArgumentExceptionAfterAField_NamesTheLastFieldRead()
    {
        var ex = Assert.Throws<FormatException>(() => JsonFormat.Read(Text("\"a\":{\"alpha\":2}"), Model, int (r) =>
        {
            r.Number("a.alpha");
            throw new ArgumentOutOfRangeException("other", "must be odd");
        }));
        Assert.Equal("Cannot read Test JSON: field \"a.alpha\" is invalid: must be odd.", ex.Message);
    }

    [Fact]
    public void Read_ArgumentExceptionNamingAnotherPresentField_NamesThatField()
    {
        var ex = Assert.Throws<FormatException>(() => JsonFormat.Read(Text("\"x\":1,\"y\":2"), Model, int (r) =>
        {
            r.Number("x");
            throw new ArgumentException("y must exceed x", "y");
        }));
        Assert.Equal("Cannot read Test JSON: field \"y\" is invalid: y must exceed x.", ex.Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void Bool_TrueAndFalse(string value, bool expected) =>
        Assert.Equal(expected, Read("\"b\":" + value, r => r.Bool("b")));

    [Theory]
    [InlineData("1", "is the number 1, expected true or false")]
    [InlineData("\"yes\"", "is the string \"yes\", expected true or false")]
    [InlineData("null", "is null, expected true or false")]
    public void Bool_OtherKinds_NameWhatWasFound(string value, string problem) =>
        AssertError("\"b\":" + value, r => r.Bool("b"), "field \"b\" " + problem);

    [Theory]
    [InlineData("false", "is true or false, expected a number")]
    [InlineData("true", "is true or false, expected a number")]
    [InlineData("{}", "is an object, expected a number")]
    [InlineData("[]", "is an array, expected a number")]
    [InlineData("\"1\"", "is the string \"1\", expected a number")]
    [InlineData("1e400", "is not a finite number (it is 1e400)")]
    [InlineData("-1e400", "is not a finite number (it is -1e400)")]
    public void Number_NonNumbersAndInfinity_Refused(string value, string problem) =>
        AssertError("\"n\":" + value, r => r.Number("n"), "field \"n\" " + problem);

    [Fact]
    public void String_AnArray_SaysExpectedAString() =>
        AssertError("\"s\":[]", r => r.String("s"), "field \"s\" is an array, expected a string");

    [Fact]
    public void Element_Missing_SaysMissing() =>
        AssertError("\"n\":1", r => r.Number("m"), "field \"m\" is missing");

    [Fact]
    public void Element_ObjectExpected_SaysAnObject() =>
        AssertError("\"o\":1", r => r.Element("o", JsonValueKind.Object), "field \"o\" is the number 1, expected an object");

    [Theory]
    [InlineData("\"NaN\"", double.NaN)]
    [InlineData("\"Infinity\"", double.PositiveInfinity)]
    [InlineData("\"-Infinity\"", double.NegativeInfinity)]
    [InlineData("-2.5", -2.5)]
    public void NumberOrSpecial_NumbersAndTheThreeNames(string value, double expected) =>
        Assert.Equal(expected, Read("\"v\":" + value, r => r.NumberOrSpecial("v")));

    [Theory]
    [InlineData("\"nan\"")]
    [InlineData("\"\"")]
    public void NumberOrSpecial_OtherStrings_Refused(string value) =>
        AssertError("\"v\":" + value, r => r.NumberOrSpecial("v"), "field \"v\" is the string " + value + ", expected a number, \"NaN\" or \"Infinity\"");

    [Fact]
    public void Positive_ZeroAndNegative_Refused()
    {
        Assert.Equal(1e-300, Read("\"p\":1e-300", r => r.Positive("p")));
        AssertError("\"p\":0", r => r.Positive("p"), "field \"p\" is 0; it must be greater than 0");
        AssertError("\"p\":-1", r => r.Positive("p"), "field \"p\" is -1; it must be greater than 0");
    }

    [Fact]
    public void IntAndLong_WholeNumbersOnly()
    {
        Assert.Equal(-7, Read("\"i\":-7", r => r.Int("i")));
        Assert.Equal(5_000_000_000L, Read("\"l\":5000000000", r => r.Long("l")));
        AssertError("\"i\":5000000000", r => r.Int("i"), "field \"i\" is not a whole number");
        AssertError("\"l\":1.5", r => r.Long("l"), "field \"l\" is not a whole number");
    }

    [Fact]
    public void Enum_NamesOnly_NotNumbersOrOtherCase()
    {
        Assert.Equal(DayOfWeek.Friday, Read("\"e\":\"Friday\"", r => r.Enum<DayOfWeek>("e")));
        const string Expected = "expected one of Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday";
        foreach (string bad in new[] { "1", "-1", "friday", "Someday", string.Empty })
        {
            AssertError("\"e\":\"" + bad + "\"", r => r.Enum<DayOfWeek>("e"), "field \"e\" is \"" + bad + "\", " + Expected);
        }
    }

    [Fact]
    public void Numbers_LengthChecked_IncludingZero()
    {
        Assert.Equal(new[] { 1.0, 2.0 }, Read("\"a\":[1,2]", r => r.Numbers("a", 2)));
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, Read("\"a\":[1,2,3]", r => r.Numbers("a", -1)));
        Assert.Empty(Read("\"a\":[]", r => r.Numbers("a", 0)));
        AssertError("\"a\":[1]", r => r.Numbers("a", 0), "field \"a\" has 1 elements, expected 0");
        AssertError("\"a\":[1,2]", r => r.Numbers("a", 3), "field \"a\" has 2 elements, expected 3");
        AssertError("\"a\":[1,\"x\"]", r => r.Numbers("a", -1), "field \"a[1]\" is not a finite number (it is \"x\")");
    }

    [Fact]
    public void ItemsAndAt_PathsCarryTheIndexAndTheParentsPrefix()
    {
        const string Body = "\"rules\":[{\"w\":1},{\"w\":\"x\"}]";
        var paths = Read(Body, r => r.Items("rules").Select(i => i.Path).ToArray());
        Assert.Equal(new[] { "rules[0]", "rules[1]" }, paths);
        AssertError(Body, r =>
        {
            foreach (var (item, path) in r.Items("rules"))
            {
                r.At(item, path).Number("w");
            }

            return 0;
        }, "field \"rules[1].w\" is the string \"x\", expected a number");
    }

    [Fact]
    public void Error_AtTheRootWithoutAPath_HasNoField_NestedItNamesThePrefix()
    {
        var reader = new JsonFormat.Reader(default, Model);
        Assert.Equal("Cannot read Test JSON: broken.", reader.Error(string.Empty, "broken").Message);
        Assert.Equal("Cannot read Test JSON: field \"a\" broken.", reader.Error("a", "broken").Message);
        var nested = reader.At(default, "rules[2]");
        Assert.Equal("Cannot read Test JSON: field \"rules[2].\" broken.", nested.Error(string.Empty, "broken").Message);
        Assert.Equal("Cannot read Test JSON: field \"rules[2].b\" broken.", nested.Error("b", "broken").Message);
    }

    private static string Text(string fields = "") =>
        "{\"model\":\"Test\",\"version\":1" + (fields.Length > 0 ? "," + fields : string.Empty) + "}";

    private static T Read<T>(string fields, Func<JsonFormat.Reader, T> read) => JsonFormat.Read(Text(fields), Model, read);

    private static void AssertError<T>(string fields, Func<JsonFormat.Reader, T> read, string problem)
    {
        var ex = Assert.Throws<FormatException>(() => Read(fields, read));
        Assert.Equal("Cannot read Test JSON: " + problem + ".", ex.Message);
    }
}
