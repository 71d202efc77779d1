namespace Clv.Csv;

/// <summary>
/// How the report and score writers of Clv.Csv (<see cref="ScorecardCsv"/>, <see cref="CustomerSummaryCsv"/>, the
/// <c>*ReportCsv</c> writers and <see cref="ClvByPeriodCsv"/>; every writer but <see cref="TransactionCsv"/>, whose files read back
/// as written) suit the program that reads the file: whether text that starts like a formula is escaped, and whether the
/// file starts with a UTF-8 byte order mark.
/// </summary>
/// <remarks>
/// The defaults suit a person opening the file in a spreadsheet without harm (escaped formulas) and every CSV reader (no
/// byte order mark). A CRM that imports the scorecard and matches rows by customer id needs the ids as they are: set
/// <see cref="EscapeFormulas"/> to false. Excel reads a CSV file without a byte order mark in the machine's legacy code page,
/// so the Chinese labels (the scorecard's <c>rfm_segment_zh</c> and <c>lifecycle_stage_zh</c>, the segment report's <c>segment_zh</c>, Chinese text from the data) come out garbled: set <see cref="ByteOrderMark"/> to true.
/// </remarks>
public sealed class CsvWriteOptions
{
    /// <summary>The default options: formulas escaped, no byte order mark.</summary>
    public static CsvWriteOptions Default { get; } = new();

    /// <summary>
    /// Whether text from the data (a customer id, a label, a warning) that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a
    /// tab or a carriage return is written with a leading <c>'</c> and quoted (<c>"'+4412"</c>), as OWASP recommends against CSV
    /// injection, so a spreadsheet shows it as text instead of running it as a formula. Default true. False writes every text
    /// as it is (quoted only when it holds a delimiter, quote or line break): for a program that imports the file and must
    /// match its ids, never for a file a person may open in a spreadsheet. Numbers are never escaped either way.
    /// </summary>
    public bool EscapeFormulas { get; init; } = true;

    /// <summary>
    /// Whether the file starts with the UTF-8 byte order mark (bytes <c>EF BB BF</c>; a text writer gets the character
    /// U+FEFF first, which its encoding writes), so that Excel reads the file as UTF-8 and shows Chinese and other non-ASCII
    /// text as written. Default false: some readers take the mark as part of the first header name.
    /// </summary>
    public bool ByteOrderMark { get; init; }
}
