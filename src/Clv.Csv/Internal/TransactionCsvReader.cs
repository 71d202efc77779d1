namespace Clv.Csv.Internal;

/// <summary>
/// The one loop behind <see cref="TransactionCsv.Read(Stream, TransactionCsvOptions?)"/> and
/// <see cref="TransactionCsv.ReadInto(Stream, CustomerSummariesBuilder, TransactionCsvOptions?)"/>: records from
/// <see cref="RecordReader"/>, the header to a <see cref="ColumnMap"/>, fields from <see cref="FieldSplitter"/>,
/// values from <see cref="RowParser"/>, bad rows to <see cref="Rejections"/>, good rows to an <see cref="IRowSink"/>.
/// </summary>
/// <remarks>
/// <para>Design (measured, see benchmarks/README.md "Csv"): one vectorized search per line finds the line break or a
/// quote; a record without a quote is split on spans, dates and amounts are parsed from spans and ids go to the sink
/// as text, so a row allocates nothing. A record with a quote is parsed by RFC 4180 into a reused buffer. Every
/// record, quoted or not, ends where <see cref="RecordReader"/> says, so a rejected record never hides a good row
/// and never lends one of its lines to the next record.</para>
/// <para>Blank lines (empty or only spaces and tabs) are skipped: they are not rows and not rejected, but they
/// still count for line numbers. Progress is reported, and the token checked, every <see cref="ChunkRows"/> data
/// rows (before the next row, so never once the text is exhausted), and once at the end.</para>
/// </remarks>
internal static class TransactionCsvReader
{
    /// <summary>Rows between progress reports and cancellation checks.</summary>
    internal const int ChunkRows = 1 << 14;

    public static TransactionLog Read(TextReader text, TransactionCsvOptions options)
    {
        var sink = new TransactionLogSink();
        var rejections = Run(text, options, sink, out _);
        return sink.ToLog(rejections.Rows);
    }

    public static CsvReadReport ReadInto(TextReader text, TransactionCsvOptions options, CustomerSummariesBuilder builder)
    {
        var rejections = Run(text, options, new BuilderSink(builder), out long imported);
        return new CsvReadReport(imported, rejections.Count == 0 ? [] : [.. rejections.Rows]);
    }

    private static Rejections Run<TSink>(TextReader text, TransactionCsvOptions options, TSink sink, out long imported)
        where TSink : struct, IRowSink
    {
        var rejections = new Rejections(options.Mode == CsvReadMode.Strict);
        var fields = new FieldSplitter(options.Delimiter, options.WhitespaceDelimited);
        var columns = options.HasHeader ? null : ColumnMap.FromIndices(options);
        var parser = new RowParser(options, rejections);
        if (columns is not null)
        {
            parser.Columns = columns;
        }

        long read = 0;
        int untilCheck = 1;
        imported = 0;
        using (text)
        using (var records = new RecordReader(text, !options.WhitespaceDelimited, options.MaxRecordLength, options.MaxRecordLines, options.BufferSize))
        {
            while (true)
            {
                var status = records.Read(out var record);
                if (status == RecordStatus.End)
                {
                    break;
                }

                if (status == RecordStatus.Complete && !records.HasQuote && IsBlank(record))
                {
                    continue;
                }

                long line = records.LineNumber;
                if (columns is null)
                {
                    columns = Header(status, record, records, fields, options);
                    parser.Columns = columns;
                    continue;
                }

                if (--untilCheck == 0)
                {
                    // What was read is in the sink already; the token is checked only when another row follows.
                    if (read > 0)
                    {
                        options.Progress?.Report(read);
                    }

                    options.CancellationToken.ThrowIfCancellationRequested();
                    untilCheck = ChunkRows;
                }

                read++;
                if (status != RecordStatus.Complete)
                {
                    rejections.Row(line, null, record, records.Length, RecordReason(status, options));
                    continue;
                }

                var problem = fields.Split(record, records.HasQuote, columns.FieldsNeeded);
                if (problem != QuoteProblem.None)
                {
                    rejections.Row(line, null, record, QuoteReason(problem, fields.ProblemField));
                    continue;
                }

                if (fields.Count < columns.FieldsNeeded)
                {
                    var (label, index) = columns.FirstMissing(fields.Count);
                    rejections.Row(line, label, record, ThrowHelper.Format($"The row has {fields.Count} field(s), so column '{MessageText.Show(label)}' (index {index}) is missing."));
                    continue;
                }

                if (parser.TryParse(fields.Field(record, columns.IdIndex), fields.Field(record, columns.DateIndex), fields.Field(record, columns.AmountIndex), record, line, out var id, out var date, out double amount))
                {
                    sink.Add(id, date, amount);
                    imported++;
                }
            }
        }

        options.Progress?.Report(read);
        return rejections;
    }

    /// <summary>The first non-blank record: any problem with it is a file-level error, in both modes.</summary>
    private static ColumnMap Header(RecordStatus status, ReadOnlySpan<char> record, RecordReader records, FieldSplitter fields, TransactionCsvOptions options)
    {
        if (status != RecordStatus.Complete)
        {
            Rejections.File(records.LineNumber, record, records.Length, "The header: " + RecordReason(status, options));
        }

        var problem = fields.Split(record, records.HasQuote, int.MaxValue);
        if (problem != QuoteProblem.None)
        {
            Rejections.File(records.LineNumber, record, record.Length, "The header: " + QuoteReason(problem, fields.ProblemField));
        }

        var names = new string[fields.Count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = fields.Field(record, i).ToString();
        }

        return ColumnMap.FromHeader(names, options, records.LineNumber, MessageText.Cap(record));
    }

    /// <summary>Empty or only spaces and tabs (most records fail at their first character).</summary>
    private static bool IsBlank(ReadOnlySpan<char> record) => record.IsEmpty || (record[0] is ' ' or '\t' && record.IndexOfAnyExcept(' ', '\t') < 0);

    private static string RecordReason(RecordStatus status, TransactionCsvOptions options) => status switch
    {
        RecordStatus.Unterminated => "A quote opened on this line is not closed before the end of the file.",
        RecordStatus.TooLong => ThrowHelper.Format(
            $"The record is longer than {options.MaxRecordLength:N0} characters (options.MaxRecordLength); if a quote opened on this line is not closed, close it."),
        _ => ThrowHelper.Format(
            $"The record spans more than {options.MaxRecordLines:N0} lines (options.MaxRecordLines): a quote opened on this line is probably not closed."),
    };

    private static string QuoteReason(QuoteProblem problem, int field) => problem switch
    {
        QuoteProblem.QuoteInUnquotedField => ThrowHelper.Format(
            $"The field at index {field} has a quote character but does not start with one (RFC 4180: quote the whole field and double the quotes inside it)."),
        QuoteProblem.TextAfterClosingQuote => ThrowHelper.Format($"The field at index {field} has text after its closing quote (RFC 4180)."),
        _ => ThrowHelper.Format($"The field at index {field} opens a quote that is not closed (RFC 4180)."),
    };
}
