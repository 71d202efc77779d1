using Clv.Internal;

namespace Clv.Tests.Internal;

/// <summary>
/// <see cref="TextTable"/>: the reports' fixed-width text, compared whole: widths from the widest cell or header, text
/// left and numbers right, two spaces between columns, no trailing blanks, the title and footer lines, and the
/// invariant-culture cell helpers.
/// </summary>
public class TextTableTests
{
    [Fact]
    public void Render_AlignsPadsAndTrims()
    {
        var table = new TextTable(("name", true), ("count", false), ("note", true));
        table.Add("a", "1", "x");
        table.Add("longer", "12,345", string.Empty);
        string text = table.Render("Title", "footer one", "footer two");
        Assert.Equal(
            "Title\n" +
            "name     count  note\n" +
            "a            1  x\n" +
            "longer  12,345\n" +
            "footer one\n" +
            "footer two\n",
            text);
    }

    [Fact]
    public void Render_NoTitleNoRows_JustTheHeader()
    {
        var table = new TextTable(("a", false), ("bb", false));
        Assert.Equal("a  bb\n", table.Render(string.Empty));
    }

    [Fact]
    public void Render_BlankFirstLine_EmptyNotBeyondItsStart()
    {
        var table = new TextTable((string.Empty, true));
        table.Add(" ");
        Assert.Equal("\n\n", table.Render(string.Empty));
    }

    [Fact]
    public void Render_RightAlignedLastColumn_KeepsItsPadding()
    {
        var table = new TextTable(("value", false));
        table.Add("1");
        Assert.Equal("t\nvalue\n    1\n", table.Render("t"));
    }

    [Fact]
    public void Helpers_InvariantCulture()
    {
        string text = Culture.Invariant(() => string.Join(
            "|",
            TextTable.Int(1234567),
            TextTable.Amount(1234.567),
            TextTable.Share(0.12345),
            TextTable.Number(2.5, "F3"),
            TextTable.Date(new DateOnly(2024, 2, 9))));
        Assert.Equal("1,234,567|1,234.57|0.123|2.500|2024-02-09", text);
    }
}
