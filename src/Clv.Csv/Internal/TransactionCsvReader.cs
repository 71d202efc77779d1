using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

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

    /// <summary>
    /// Feeds the sink on the calling thread with the rows a reading thread parses (<see cref="Produce"/>), one
    /// <see cref="RowBatch"/> of <see cref="ChunkRows"/> rows at a time, in file order: decoding, splitting and parsing run on
    /// one core while the sink (the builder's id table) runs on the other. What the reading thread throws is rethrown here
    /// after the rows before it, so a failure leaves the sink as a one-thread read would.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Rejections Run<TSink>(TextReader text, TransactionCsvOptions options, TSink sink, out long imported)
        where TSink : struct, IRowSink
    {
        var rejections = new Rejections(options.Mode == CsvReadMode.Strict);
        using var full = new BlockingCollection<RowBatch>(new ConcurrentQueue<RowBatch>(), Batches);
        using var free = new BlockingCollection<RowBatch>(new ConcurrentQueue<RowBatch>(), Batches);
        for (int i = 0; i < Batches; i++)
        {
            free.Add(new RowBatch());
        }

        using var stop = new CancellationTokenSource();
        var reading = Task.Factory.StartNew(
            () => Produce(text, options, rejections, full, free, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        long read = 0;
        imported = 0;
        try
        {
            while (true)
            {
                var batch = full.Take(CancellationToken.None);
                if (batch.Read > 0)
                {
                    // What was read is in the sink already; the token is checked only when another row follows.
                    if (read > 0)
                    {
                        options.Progress?.Report(read);
                    }

                    options.CancellationToken.ThrowIfCancellationRequested();
                }

                sink.Add(batch);

                imported += batch.Count;
                read += batch.Read;
                batch.Failure?.Throw();
                if (batch.Last)
                {
                    break;
                }

                batch.Reset();
                free.Add(batch, CancellationToken.None);
            }
        }
        finally
        {
            stop.Cancel();
            reading.Wait(CancellationToken.None);
        }

        options.Progress?.Report(read);
        return rejections;
    }

    /// <summary>Batches in flight between the reading thread and the sink.</summary>
    private const int Batches = 4;

    /// <summary>
    /// The reading thread: records from <see cref="RecordReader"/>, the header to a <see cref="ColumnMap"/>, fields from
    /// <see cref="FieldSplitter"/>, values from <see cref="RowParser"/>, bad rows to the rejections, good rows into batches.
    /// Never throws: what reading throws goes to the sink's thread on the last batch.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Produce(TextReader text, TransactionCsvOptions options, Rejections rejections, BlockingCollection<RowBatch> full, BlockingCollection<RowBatch> free, CancellationToken stop)
    {
        RowBatch batch;
        try
        {
            batch = free.Take(stop);
        }
        catch (OperationCanceledException)
        {
            text.Dispose();
            return;
        }

        try
        {
            var fields = new FieldSplitter(options.Delimiter, options.WhitespaceDelimited);
            var columns = options.HasHeader ? null : ColumnMap.FromIndices(options);
            var parser = new RowParser(options, rejections);
            if (columns is not null)
            {
                parser.Columns = columns;
            }

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

                    if (batch.Read == ChunkRows)
                    {
                        full.Add(batch, stop);
                        batch = free.Take(stop);
                    }

                    batch.Read++;
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

                    if (parser.TryParse(fields.Field(record, columns.IdIndex), fields.Field(record, columns.DateIndex), fields.Field(record, columns.AmountIndex), columns.QuantityIndex < 0 ? default : fields.Field(record, columns.QuantityIndex), record, line, out var id, out var date, out double amount))
                    {
                        batch.Add(id, date, amount);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The sink's thread stopped (it threw, or was cancelled): nobody takes more batches.
            return;
        }
#pragma warning disable CA1031 // Any failure of reading is handed to the sink's thread, which rethrows it after the rows before it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            batch.Failure = ExceptionDispatchInfo.Capture(e);
        }

        batch.Last = true;
        try
        {
            full.Add(batch, stop);
        }
        catch (OperationCanceledException)
        {
            // The sink's thread stopped first.
        }
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
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
