using System.Globalization;
using Clv.Csv.Internal;

namespace Clv.Tests.Csv;

/// <summary>The house CSV table: a field given as UTF-8 is the same field as its text; numbers are the "R" text.</summary>
public class CsvTableTests
{
    private static string Write(Action<CsvTable> write)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var table = new CsvTable(text))
        {
            write(table);
            table.EndRow();
        }

        return text.ToString();
    }

    [Theory]
    [InlineData("Champions")]
    [InlineData("")]
    [InlineData("no purchase for 165 days, 1.0x their usual gap")]
    [InlineData("say \"hi\"")]
    [InlineData("line\nbreak")]
    [InlineData("冠军客户")]
    [InlineData("lone \ud800 surrogate")]
    [InlineData(" leading and trailing ")]
    public void Field_Utf8_SameFieldAsTheText(string value) =>
        Assert.Equal(Write(t => t.Field(value)), Write(t => t.Field(CsvTable.Utf8.GetBytes(value))));

    [Theory]
    [InlineData(1.0)]
    [InlineData(-0.0)]
    [InlineData(1e-5)]
    [InlineData(0.1 + 0.2)]
    [InlineData(123456789012345678.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.Epsilon)]
    [InlineData(double.MaxValue)]
    [InlineData(-3.75)]
    public void Field_Number_IsTheRoundTripText(double value) =>
        Assert.Equal(value.ToString("R", CultureInfo.InvariantCulture) + "\r\n", Write(t => t.Field(value)));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Field_Integer_IsTheInvariantText(int value) =>
        Assert.Equal(value.ToString(CultureInfo.InvariantCulture) + "\r\n", Write(t => t.Field(value)));
}
