using QuickStart = Clv.Samples.QuickStart.Program;

namespace Clv.Tests.Samples;

/// <summary>
/// The README's first command is the QuickStart sample, and its <c>--help</c> invites a newcomer to pass their own file and
/// its layout. A mistyped option used to be ignored (<c>--delimeter ;</c> read the file with commas, <c>--observation_end</c>
/// took the file's last day), an option for one's own file was ignored on the bundled sample, and a value that did not
/// parse failed with .NET's message, which names neither the option nor the value.
/// </summary>
public sealed class QuickStartOptionsTests
{
    private static string ErrorOf(params string[] args) => Assert.Throws<ArgumentException>(() => QuickStart.Run(args, TextWriter.Null)).Message;

    [Theory]
    [InlineData("--delimeter", ";")]
    [InlineData("--observation_end", "1997-09-30")]
    [InlineData("--format", "yyyyMMdd")]
    public void UnknownOption_StopsTheRunNamingIt(string option, string value)
    {
        string message = ErrorOf(TestData.PathOf("orders.csv"), option, value);
        Assert.Contains($"'{option}'", message, StringComparison.Ordinal);
        Assert.Contains("--help", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--unit", "weeks", "--unit must be day, week, month or year, not 'weeks'.")]
    [InlineData("--unit", "3", "--unit must be day, week, month or year, not '3'.")]
    [InlineData("--id-index", "x", "--id-index must be a 0-based column number, not 'x'.")]
    [InlineData("--amount-index", "-1", "--amount-index must be a 0-based column number, not '-1'.")]
    [InlineData("--observation-end", "1997-9-30", "--observation-end must be a date as yyyy-MM-dd, not '1997-9-30'.")]
    [InlineData("--culture", "xx-NOPE", "--culture must be a culture name such as de-DE, not 'xx-NOPE'.")]
    public void MalformedValue_StopsTheRunNamingTheOptionAndTheValue(string option, string value, string expected)
    {
        Assert.Equal(expected, ErrorOf(TestData.PathOf("orders.csv"), option, value));
    }

    [Fact]
    public void LayoutOption_WithoutAFile_IsRefusedRatherThanIgnored()
    {
        // Without a path the bundled CDNOW sample is read with its own layout: a delimiter given for it would change nothing.
        Assert.StartsWith("--delimiter describes your own file", ErrorOf("--delimiter", ";"), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_ListsEveryOptionTheSampleTakes()
    {
        var help = new StringWriter();
        Assert.Equal(0, QuickStart.Run(["--help"], help));
        foreach (string option in new[] { "--id-column", "--id-index", "--date-column", "--date-index", "--amount-column", "--amount-index", "--date-format", "--delimiter", "--whitespace", "--no-header", "--culture", "--lenient", "--observation-end", "--unit", "--output" })
        {
            Assert.Contains(option, help.ToString(), StringComparison.Ordinal);
        }
    }
}
