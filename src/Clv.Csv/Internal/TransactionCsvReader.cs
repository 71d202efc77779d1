using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Clv.Csv.Internal;

/// <summary>
/// The one implementation behind <see cref="TransactionCsv.Read(Stream, TransactionCsvOptions?)"/>.
/// </summary>
/// <remarks>
/// <para>Design (measured, see benchmarks/README.md "Csv"): CsvHelper's <see cref="CsvParser"/> allocates a string per
/// field, and cannot split on runs of whitespace. So physical lines are cut from one pooled char buffer
/// (<see cref="LineReader"/>) and a line without a quote character is split on spans here (the fast path:
/// dates and amounts are parsed from spans and customer ids are pooled by span, so a row allocates nothing).
/// A line that holds a quote character starts a quoted record: lines are joined while the record's quote count
/// is odd (a line break inside quotes) and the record is parsed by CsvHelper's <see cref="CsvParser"/> (RFC 4180;
/// one parser per file, fed one record at a time through <see cref="RecordTextReader"/>).
/// Both paths feed the same row checks, so there is one behaviour whichever path a row takes.</para>
/// <para>Blank lines (empty or only spaces and tabs) are skipped: they are not rows and not rejected, but they
/// still count for line numbers. Invalid UTF-8 bytes are decoded as U+FFFD; a configured field containing U+FFFD is
/// rejected as an encoding error on its own line (other fields are not inspected).</para>
/// </remarks>
internal sealed class TransactionCsvReader : IDisposable
{
    private const char Replacement = '\uFFFD';
    private readonly TransactionCsvOptions _options;
    private readonly bool _strict;
    private readonly DateFastPath _dateFast;
    private readonly IdPool _ids = new();
    private readonly NumberParser _numbers;
    private readonly ChunkedList<Transaction> _rows = new();
    private readonly List<RejectedRow> _rejected = [];
    private readonly CsvConfiguration? _quotedConfig;
    private readonly RecordTextReader _quotedText = new();
    private CsvParser? _quotedParser;
    private Range[] _ranges = [];
    private int _idIndex;
    private int _dateIndex;
    private int _amountIndex;
    private string _idLabel = string.Empty;
    private string _dateLabel = string.Empty;
    private string _amountLabel = string.Empty;
    private bool _badQuotedData;
    private CustomerSummariesBuilder? _sink;
    private long _imported;

    private TransactionCsvReader(TransactionCsvOptions options)
    {
        _options = options;
        _strict = options.Mode == CsvReadMode.Strict;
        _numbers = new NumberParser(options.Culture);
        _dateFast = options.DateFormat switch
        {
            "yyyy-MM-dd" => DateFastPath.Iso,
            "yyyyMMdd" => DateFastPath.Compact,
            _ => DateFastPath.None,
        };
        if (!options.WhitespaceDelimited)
        {
            _quotedConfig = new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                Delimiter = options.Delimiter.ToString(),
                HasHeaderRecord = false,
                Mode = CsvMode.RFC4180,
                TrimOptions = TrimOptions.Trim,
                WhiteSpaceChars = options.Delimiter == '\t' ? [' '] : [' ', '\t'],
                BadDataFound = _ => _badQuotedData = true,
                MissingFieldFound = null,
                IgnoreBlankLines = false,
                DetectColumnCountChanges = false,
            };
        }
    }

    private enum DateFastPath
    {
        None,
        Iso,
        Compact,
    }

    public static TransactionLog Read(TextReader text, TransactionCsvOptions options)
    {
        using var reader = new TransactionCsvReader(options);
        using (text)
        {
            using var lines = new LineReader(text);
            reader.ReadAll(lines);
        }

        reader.Finish();
        return new TransactionLog(reader._rows, reader._rejected);
    }

    /// <summary>
    /// Streams the rows into <paramref name="builder"/> instead of collecting them, so memory does not grow with rows.
    /// </summary>
    public static CsvReadReport ReadInto(TextReader text, TransactionCsvOptions options, CustomerSummariesBuilder builder)
    {
        using var reader = new TransactionCsvReader(options) { _sink = builder };
        using (text)
        {
            using var lines = new LineReader(text);
            reader.ReadAll(lines);
        }

        reader.Finish();
        return new CsvReadReport(reader._imported, reader._rejected.Count == 0 ? [] : reader._rejected.ToArray());
    }

    /// <summary>Rows between progress reports and cancellation checks.</summary>
    internal const int ChunkRows = 1 << 14;

    /// <summary>Before each data row: every <see cref="ChunkRows"/> rows, progress is reported and the token checked (never after the last row).</summary>
    private void BeforeRow()
    {
        long read = _imported + _rejected.Count;
        if (read % ChunkRows == 0)
        {
            if (read > 0)
            {
                _options.Progress?.Report(read);
            }

            _options.CancellationToken.ThrowIfCancellationRequested();
        }
    }

    private void Finish() => _options.Progress?.Report(_imported + _rejected.Count);

    public void Dispose()
    {
        _quotedParser?.Dispose();
        _quotedText.Dispose();
    }

    private static bool IsBlank(ReadOnlySpan<char> line) => line.TrimStart(" \t").IsEmpty;

    private static ReadOnlySpan<char> TrimField(ReadOnlySpan<char> field) => field.Trim(" \t");

    private void ReadAll(LineReader lines)
    {
        bool headerPending = _options.HasHeader;
        if (!headerPending)
        {
            UseIndicesWithoutHeader();
        }

        while (lines.TryReadLine(out var line))
        {
            if (IsBlank(line))
            {
                continue;
            }

            long lineNumber = lines.LineNumber;
            if (!_options.WhitespaceDelimited && line.Contains('"'))
            {
                if (!headerPending)
                {
                    BeforeRow();
                }

                ReadQuotedRecord(line, lines, lineNumber, headerPending);
                headerPending = false;
                continue;
            }

            if (headerPending)
            {
                ResolveHeader(SplitAll(line), line.ToString(), lineNumber);
                headerPending = false;
                continue;
            }

            BeforeRow();
            int count = _options.WhitespaceDelimited ? SplitWhitespace(line, _ranges) : SplitDelimited(line, _options.Delimiter, _ranges);
            if (count < _ranges.Length)
            {
                RejectMissing(count, line, lineNumber);
                continue;
            }

            AddRow(line[_ranges[_idIndex]], line[_ranges[_dateIndex]], line[_ranges[_amountIndex]], line, lineNumber);
        }
    }

    /// <summary>A record with a quote character: joined over lines while its quotes are unbalanced, then parsed by CsvHelper.</summary>
    private void ReadQuotedRecord(ReadOnlySpan<char> firstLine, LineReader lines, long lineNumber, bool isHeader)
    {
        // The record text ends with '\n' (see below); the raw text of a rejection is the record without it.
        string record;
        int quotes = firstLine.Count('"');
        if ((quotes & 1) == 0)
        {
            record = string.Concat(firstLine, "\n");
        }
        else
        {
            var joined = new StringBuilder().Append(firstLine);
            while ((quotes & 1) == 1)
            {
                if (!lines.TryReadLine(out var next))
                {
                    Reject(lineNumber, null, joined.ToString(), "A quoted field is not closed before the end of the file.", fileLevel: isHeader);
                    return;
                }

                joined.Append('\n').Append(next);
                quotes += next.Count('"');
            }

            record = joined.Append('\n').ToString();
        }

        var text = record.AsSpan(0, record.Length - 1);

        // One parser for the whole file: each record is served alone and ends with '\n', so the parser stops at that
        // line end and asks the reader for more only on the next record (never reaching its end-of-file handling).
        _badQuotedData = false;
        _quotedText.Set(record);
        _quotedParser ??= new CsvParser(_quotedText, _quotedConfig!);
        string[] fields = _quotedParser.Read() ? _quotedParser.Record ?? [] : [];

        if (_badQuotedData)
        {
            Reject(lineNumber, null, text.ToString(), "A field has a quote character inside an unquoted field, or text after a closing quote (RFC 4180).", fileLevel: isHeader);
            return;
        }

        if (isHeader)
        {
            ResolveHeader(fields, text.ToString(), lineNumber);
            return;
        }

        if (fields.Length < _ranges.Length)
        {
            RejectMissing(fields.Length, text, lineNumber);
            return;
        }

        AddRow(fields[_idIndex], fields[_dateIndex], fields[_amountIndex], text, lineNumber);
    }

    private void AddRow(ReadOnlySpan<char> idField, ReadOnlySpan<char> dateField, ReadOnlySpan<char> amountField, ReadOnlySpan<char> line, long lineNumber)
    {
        var id = TrimField(idField);
        if (id.IsEmpty)
        {
            Reject(lineNumber, _idLabel, line.ToString(), "The customer id is empty.");
            return;
        }

        if (id.Contains(Replacement))
        {
            Reject(lineNumber, _idLabel, id.ToString(), "The customer id holds bytes that are not valid UTF-8 (decoded as U+FFFD).");
            return;
        }

        var dateText = TrimField(dateField);
        if (!TryParseDate(dateText, out var date))
        {
            Reject(lineNumber, _dateLabel, dateText.ToString(), dateText.Contains(Replacement)
                ? "The date holds bytes that are not valid UTF-8 (decoded as U+FFFD)."
                : string.Create(CultureInfo.InvariantCulture, $"Not a date in the format '{_options.DateFormat}'."));
            return;
        }

        var amountText = TrimField(amountField);
        if (!_numbers.TryParse(amountText, out double amount))
        {
            Reject(lineNumber, _amountLabel, amountText.ToString(), amountText.Contains(Replacement)
                ? "The amount holds bytes that are not valid UTF-8 (decoded as U+FFFD)."
                : string.Create(CultureInfo.InvariantCulture, $"Not a number in the culture '{CultureLabel()}'."));
            return;
        }

        if (!double.IsFinite(amount))
        {
            Reject(lineNumber, _amountLabel, amountText.ToString(), "The amount is not a finite number (NaN, infinity, or beyond the range of a double).");
            return;
        }

        _imported++;
        if (_sink is null)
        {
            _rows.Add(new Transaction(_ids.Get(id), date, amount));
            return;
        }

        // Straight into the builder: its id table is the only one, and a string is made only for a new customer.
        _sink.Add(id, date, amount);
    }

    private string CultureLabel() => _options.Culture.Name.Length == 0 ? "invariant" : _options.Culture.Name;

    private bool TryParseDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        // Fast exact paths for the two common formats; anything they do not accept goes to TryParseExact,
        // so they only ever accept what TryParseExact accepts.
        if (_dateFast == DateFastPath.Iso && s.Length == 10 && s[4] == '-' && s[7] == '-'
            && TryDigits(s[..4], out int y) && TryDigits(s.Slice(5, 2), out int m) && TryDigits(s.Slice(8, 2), out int d)
            && IsValidDate(y, m, d))
        {
            date = new DateOnly(y, m, d);
            return true;
        }

        if (_dateFast == DateFastPath.Compact && s.Length == 8
            && TryDigits(s[..4], out y) && TryDigits(s.Slice(4, 2), out m) && TryDigits(s.Slice(6, 2), out d)
            && IsValidDate(y, m, d))
        {
            date = new DateOnly(y, m, d);
            return true;
        }

        return DateOnly.TryParseExact(s, _options.DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

        static bool IsValidDate(int y, int m, int d) => y >= 1 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m);
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (char c in s)
        {
            uint digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }

            value = (value * 10) + (int)digit;
        }

        return true;
    }

    private void RejectMissing(int fieldCount, ReadOnlySpan<char> line, long lineNumber)
    {
        // Name the first configured column (in file order) that the row does not reach.
        string label = _idLabel;
        int index = _idIndex;
        if (_dateIndex >= fieldCount && (index < fieldCount || _dateIndex < index))
        {
            (label, index) = (_dateLabel, _dateIndex);
        }

        if (_amountIndex >= fieldCount && (index < fieldCount || _amountIndex < index))
        {
            (label, index) = (_amountLabel, _amountIndex);
        }

        Reject(lineNumber, label, line.ToString(), string.Create(CultureInfo.InvariantCulture,
            $"The row has {fieldCount} field(s), so column '{label}' (index {index}) is missing."));
    }

    private void Reject(long lineNumber, string? column, string rawText, string reason, bool fileLevel = false)
    {
        if (_strict || fileLevel)
        {
            throw new CsvFormatException(lineNumber, column, rawText, reason);
        }

        _rejected.Add(new RejectedRow(lineNumber, column, rawText, reason));
    }

    private void UseIndicesWithoutHeader()
    {
        _idIndex = _options.CustomerIdIndex!.Value;
        _dateIndex = _options.DateIndex!.Value;
        _amountIndex = _options.AmountIndex!.Value;
        _idLabel = _idIndex.ToString(CultureInfo.InvariantCulture);
        _dateLabel = _dateIndex.ToString(CultureInfo.InvariantCulture);
        _amountLabel = _amountIndex.ToString(CultureInfo.InvariantCulture);
        _ranges = new Range[Math.Max(_idIndex, Math.Max(_dateIndex, _amountIndex)) + 1];
    }

    private void ResolveHeader(string[] header, string rawHeader, long lineNumber)
    {
        var names = new string[header.Length];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = header[i].Trim(' ', '\t');
        }

        (_idIndex, _idLabel) = Resolve(_options.CustomerIdIndex, _options.CustomerIdColumn);
        (_dateIndex, _dateLabel) = Resolve(_options.DateIndex, _options.DateColumn);
        (_amountIndex, _amountLabel) = Resolve(_options.AmountIndex, _options.AmountColumn);
        if (_idIndex == _dateIndex || _idIndex == _amountIndex || _dateIndex == _amountIndex)
        {
            throw new CsvFormatException(lineNumber, null, rawHeader, string.Create(CultureInfo.InvariantCulture,
                $"The customer id, date and amount must be different columns, but resolve to fields {_idIndex}, {_dateIndex} and {_amountIndex}."));
        }

        _ranges = new Range[Math.Max(_idIndex, Math.Max(_dateIndex, _amountIndex)) + 1];

        (int Index, string Label) Resolve(int? index, string name)
        {
            if (index is { } i)
            {
                if (i >= names.Length)
                {
                    throw new CsvFormatException(lineNumber, i.ToString(CultureInfo.InvariantCulture), rawHeader, string.Create(CultureInfo.InvariantCulture,
                        $"Column index {i} is beyond the header, which has {names.Length} field(s): {string.Join(", ", names)}."));
                }

                return (i, names[i].Length > 0 ? names[i] : i.ToString(CultureInfo.InvariantCulture));
            }

            string wanted = name.Trim(' ', '\t');
            int found = -1;
            for (int j = 0; j < names.Length; j++)
            {
                if (string.Equals(names[j], wanted, StringComparison.OrdinalIgnoreCase))
                {
                    if (found >= 0)
                    {
                        throw new CsvFormatException(lineNumber, wanted, rawHeader, string.Create(CultureInfo.InvariantCulture,
                            $"The header names column '{wanted}' more than once (fields {found} and {j}), so it is ambiguous."));
                    }

                    found = j;
                }
            }

            if (found < 0)
            {
                string hint = names.Length == 1 && !_options.WhitespaceDelimited
                    ? string.Create(CultureInfo.InvariantCulture, $" Only one field was found: is the delimiter '{_options.Delimiter}' right?")
                    : string.Empty;
                throw new CsvFormatException(lineNumber, wanted, rawHeader, string.Create(CultureInfo.InvariantCulture,
                    $"The header has no column '{wanted}'; it has: {string.Join(", ", names)}.{hint}"));
            }

            return (found, names[found]);
        }
    }

    private string[] SplitAll(ReadOnlySpan<char> line)
    {
        var ranges = new Range[line.Length + 1];
        int count = _options.WhitespaceDelimited ? SplitWhitespace(line, ranges) : SplitDelimited(line, _options.Delimiter, ranges);
        var fields = new string[count];
        for (int i = 0; i < count; i++)
        {
            fields[i] = line[ranges[i]].ToString();
        }

        return fields;
    }

    /// <summary>Splits up to <paramref name="ranges"/>.Length fields; more fields are ignored.</summary>
    /// <returns>The number of fields found, at most <paramref name="ranges"/>.Length.</returns>
    private static int SplitDelimited(ReadOnlySpan<char> line, char delimiter, Range[] ranges)
    {
        int count = 0;
        int start = 0;
        while (count < ranges.Length)
        {
            int at = line[start..].IndexOf(delimiter);
            if (at < 0)
            {
                ranges[count++] = new Range(start, line.Length);
                break;
            }

            ranges[count++] = new Range(start, start + at);
            start += at + 1;
        }

        return count;
    }

    /// <summary>Splits on runs of spaces and tabs, ignoring leading and trailing ones.</summary>
    private static int SplitWhitespace(ReadOnlySpan<char> line, Range[] ranges)
    {
        int count = 0;
        int pos = 0;
        while (count < ranges.Length)
        {
            int skip = line[pos..].IndexOfAnyExcept(' ', '\t');
            if (skip < 0)
            {
                break;
            }

            pos += skip;
            int length = line[pos..].IndexOfAny(' ', '\t');
            if (length < 0)
            {
                length = line.Length - pos;
            }

            ranges[count++] = new Range(pos, pos + length);
            pos += length;
        }

        return count;
    }
}
