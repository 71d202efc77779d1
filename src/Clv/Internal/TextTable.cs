using System.Globalization;
using System.Text;

namespace Clv.Internal;

/// <summary>
/// A fixed-width text table for the reports' <c>ToString()</c>: a title line, a header row and one line per row, columns
/// separated by two spaces, text left-aligned and numbers right-aligned, lines ending in <c>\n</c>. Every cell is
/// formatted with the invariant culture by the helpers below, so the text is the same on every machine.
/// </summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _left;
    private readonly List<string[]> _rows = [];

    /// <param name="columns">Header and alignment of each column (<c>Left</c> true for text).</param>
    public TextTable(params (string Header, bool Left)[] columns)
    {
        _headers = columns.Select(c => c.Header).ToArray();
        _left = columns.Select(c => c.Left).ToArray();
    }

    public static string Int(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Amount(double value) => value.ToString("N2", CultureInfo.InvariantCulture);

    public static string Share(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Add(params string[] cells)
    {
        System.Diagnostics.Debug.Assert(cells.Length == _headers.Length, "one cell per column");
        _rows.Add(cells);
    }

    /// <summary>The table under <paramref name="title"/> (no title line when empty), followed by <paramref name="footer"/> lines.</summary>
    public string Render(string title, params string[] footer)
    {
        var widths = new int[_headers.Length];
        for (int c = 0; c < widths.Length; c++)
        {
            widths[c] = _headers[c].Length;
            foreach (var row in _rows)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        var sb = new StringBuilder();
        if (title.Length > 0)
        {
            sb.Append(title).Append('\n');
        }

        Line(sb, _headers, widths);
        foreach (var row in _rows)
        {
            Line(sb, row, widths);
        }

        foreach (string line in footer)
        {
            sb.Append(line).Append('\n');
        }

        return sb.ToString();
    }

    private void Line(StringBuilder sb, string[] cells, int[] widths)
    {
        int start = sb.Length;
        for (int c = 0; c < cells.Length; c++)
        {
            if (c > 0)
            {
                sb.Append("  ");
            }

            sb.Append(_left[c] ? cells[c].PadRight(widths[c]) : cells[c].PadLeft(widths[c]));
        }

        // No trailing blanks when the last column is left-aligned text.
        int end = sb.Length;
        while (end > start && sb[end - 1] == ' ')
        {
            end--;
        }

        sb.Length = end;
        sb.Append('\n');
    }
}
