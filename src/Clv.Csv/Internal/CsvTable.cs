using System.Globalization;
using System.Text;
using CsvHelper;

namespace Clv.Csv.Internal;

/// <summary>
/// Writes one CSV table through CsvHelper's <see cref="CsvWriter"/> in the house format shared by every Clv writer:
/// invariant culture, RFC 4180 quoting, <c>\r\n</c> line ends, snake_case headers, ISO dates, round-trippable
/// numbers and an empty field for null. Writers for scores and segment reports use it the same way.
/// </summary>
/// <remarks>
/// Text (a customer id, a channel, segment or stage name, a header) that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab
/// or a carriage return is written with a leading <c>'</c> (and quoted), as OWASP recommends against CSV injection: a
/// spreadsheet such as Excel shows it as text instead of running it as a formula. Numbers, dates and integers are typed
/// values, never text, so <c>-5</c> stays a number. Only <see cref="TransactionCsv"/>, whose files read back as written,
/// writes text as it is.
/// </remarks>
internal sealed class CsvTable : IDisposable
{
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// The options of every table: RFC 4180 line ends, invariant culture. Text that starts like a formula is escaped by this
    /// class's text fields, not by CsvHelper's <c>Injection</c> option, which slowed every field of the 1M scorecard (736 ms
    /// against 508 ms, <c>ScorecardWriteBenchmarks</c>) though only text can start like a formula.
    /// </summary>
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { NewLine = "\r\n", FormatProvider = CultureInfo.InvariantCulture, Injection = CsvInjection.None };

    private readonly CsvWriter _writer;
    private readonly TextWriter _destination;
    private readonly bool _protectFormulas = true;

    /// <summary>A table over a text writer (left open).</summary>
    /// <param name="writer">The destination.</param>
    /// <param name="protectFormulas">
    /// Whether text that starts like a formula gets a leading <c>'</c> (see the remarks); false only for a file that must
    /// read back as written.
    /// </param>
    public CsvTable(TextWriter writer, bool protectFormulas = true)
    {
        _destination = writer;
        _protectFormulas = protectFormulas;
        _writer = CsvWriter.Create(writer, Options, leaveOpen: true);
    }

    /// <summary>
    /// A table over a text writer (left open) with a writer's <see cref="CsvWriteOptions"/> (the default ones when null): the
    /// byte order mark, when asked for, is written first (U+FEFF, which a UTF-8 writer writes as <c>EF BB BF</c>).
    /// </summary>
    public static CsvTable Open(TextWriter writer, CsvWriteOptions? options)
    {
        options ??= CsvWriteOptions.Default;
        if (options.ByteOrderMark)
        {
            writer.Write('\uFEFF');
        }

        return new CsvTable(writer, options.EscapeFormulas);
    }

    /// <summary>A table written as UTF-8 to a stream (left open); rows cannot be appended to it.</summary>
    private CsvTable(Stream stream, bool protectFormulas)
    {
        _destination = TextWriter.Null;
        _protectFormulas = protectFormulas;
        _writer = CsvWriter.Create(stream, Options, leaveOpen: true);
    }

    /// <summary>Whether text that starts like a formula gets a leading <c>'</c>: rows formatted apart for this table (<see cref="Format"/>) take the same rule.</summary>
    public bool ProtectsFormulas => _protectFormulas;

    public void Header(params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            Field(name);
        }

        EndRow();
    }

    public void Field(string? value)
    {
        if (_protectFormulas && value is { Length: > 0 } && IsFormulaStart(value[0]))
        {
            _writer.WriteField("'" + value, CsvQuoting.Always);
            return;
        }

        _writer.WriteField(value ?? string.Empty);
    }

    /// <summary>Text already encoded as UTF-8 (the same field as the text itself: quoted when it holds a delimiter or a quote).</summary>
    public void Field(ReadOnlySpan<byte> utf8)
    {
        if (_protectFormulas && utf8.Length > 0 && IsFormulaStart((char)utf8[0]))
        {
            Field(Encoding.UTF8.GetString(utf8));   // rare: the escaped text goes the string way
            return;
        }

        _writer.WriteField(utf8);
    }

    /// <summary>The characters a spreadsheet takes as the start of a formula (OWASP's list): <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab and carriage return.</summary>
    internal static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// A number in its shortest round-trip form, invariant: the text of <c>value.ToString("R", CultureInfo.InvariantCulture)</c>
    /// ("NaN", "Infinity", "1E-05"), formatted by CsvHelper straight to UTF-8; except ±2^-25 and ±2^-958, whose shortest text
    /// from .NET (and CsvHelper) reads back as the double below them, written with 17 significant digits instead.
    /// </summary>
    public void Field(double value)
    {
        if (IsMisread(value))
        {
            // A typed value, not text: a negative number is not escaped as a formula.
            _writer.WriteField(value, "G17");
            return;
        }

        _writer.WriteField(value);
    }

    /// <summary>Whether the value is ±2^-25 or ±2^-958 (the same test as the core library's internal <c>RoundTripText</c>).</summary>
    internal static bool IsMisread(double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        return (bits & ((1UL << 52) - 1)) == 0 && ((bits >> 52) & 0x7FF) is 1023 - 25 or 1023 - 958;
    }

    public void Field(double? value)
    {
        if (value is { } v)
        {
            Field(v);
        }
        else
        {
            Field(string.Empty);
        }
    }

    public void Field(int value) => _writer.WriteField(value);

    public void Field(long value) => _writer.WriteField(value, default);

    public void Field(int? value)
    {
        if (value is { } v)
        {
            Field(v);
        }
        else
        {
            Field(string.Empty);
        }
    }

    public void Field(DateOnly value) => _writer.WriteField(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), CsvQuoting.WhenNeeded);

    public void Field(DateOnly? value) => Field(value is { } v ? v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty);

    /// <summary>
    /// Rows formatted apart as UTF-8 (by <see cref="Format"/>, for example on another thread), appended after the rows written so
    /// far: the same text as writing them here. A UTF-8 <see cref="StreamWriter"/> destination gets the bytes as they are.
    /// </summary>
    public void Append(MemoryStream rows)
    {
        _writer.Flush();
        var bytes = new ReadOnlySpan<byte>(rows.GetBuffer(), 0, (int)rows.Length);
        if (_destination is StreamWriter { Encoding: UTF8Encoding } utf8)
        {
            utf8.Flush();
            utf8.BaseStream.Write(bytes);
        }
        else
        {
            _destination.Write(Utf8.GetString(bytes));
        }
    }

    /// <summary>
    /// Rows formatted by <paramref name="write"/> as UTF-8, with the options of every table (no header) and the formula rule
    /// of the table they are for, into <paramref name="reuse"/> (emptied first) or a new stream.
    /// </summary>
    public static MemoryStream Format<TState>(TState state, Action<CsvTable, TState> write, MemoryStream? reuse, bool protectFormulas)
    {
        var bytes = reuse ?? new MemoryStream(1 << 16);
        bytes.SetLength(0);
        using (var table = new CsvTable(bytes, protectFormulas))
        {
            write(table, state);
        }

        return bytes;
    }

    public void EndRow() => _writer.EndRecord();

    public void Dispose()
    {
        _writer.Flush();
        _writer.Dispose();
    }
}
