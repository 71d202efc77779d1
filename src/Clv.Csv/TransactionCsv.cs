using Clv.Csv.Internal;

namespace Clv.Csv;

/// <summary>
/// Reads a transaction log (customer id, date, amount per row) from a CSV or whitespace-separated file, and writes one.
/// </summary>
/// <remarks>
/// <para>Records: every quote character opens or closes a quoted section, and a record ends at the first line break
/// outside quotes (RFC 4180's rule for well-formed files; quotes are not interpreted when
/// <see cref="TransactionCsvOptions.WhitespaceDelimited"/>). A record with bad quotes (a quote inside an unquoted
/// field, text after a closing quote) is rejected whole, with all its lines. A record longer than
/// <see cref="TransactionCsvOptions.MaxRecordLength"/> characters or <see cref="TransactionCsvOptions.MaxRecordLines"/>
/// lines, or whose quote is not closed before the end of the file, is an error at its first line, and reading resumes
/// at the next line: a stray quote costs one line, never the rest of the file.</para>
/// <para>Rows: blank lines (empty or only spaces and tabs) are skipped and are not rows; every other record after the
/// header is a row, and <see cref="TransactionLog.RowsRead"/> = imported + rejected, always. A row with fewer fields
/// than the last configured column is rejected naming the missing column; extra fields are ignored. An empty file
/// (no non-blank line) and a header-only file give an empty log in both modes.</para>
/// <para>A row is rejected when the customer id is empty, the date does not match <see cref="TransactionCsvOptions.DateFormat"/>
/// exactly, or the amount is not a finite number in <see cref="TransactionCsvOptions.Culture"/> (NaN, infinity and
/// values beyond the range of a double such as <c>1e400</c> are rejected; long digit strings parse); with a quantity column
/// (<see cref="TransactionCsvOptions.QuantityColumn"/>), also when the quantity is not a number or the quantity times the
/// unit price is not finite, naming the quantity column. Raw text in a
/// rejection is capped at 200 characters (then "..." and the full length).</para>
/// <para>File-level problems throw <see cref="CsvFormatException"/> in both modes: a configured column name missing from
/// the header (the message lists the header, invisible characters escaped), a configured column name found twice in
/// the header, an index beyond the header, a quantity column that resolves to the id, date or amount field, or a header
/// with bad or unclosed quotes.</para>
/// <para>Encoding: UTF-8, with or without a byte order mark (a UTF-16 or UTF-32 byte order mark is honoured too; one
/// mark is skipped, a second stays in the text). Bytes that are not valid UTF-8 decode to U+FFFD, and a customer id,
/// date, amount or quantity containing U+FFFD is rejected as an encoding error on its line. Each distinct customer id is stored
/// as one string.</para>
/// </remarks>
public static class TransactionCsv
{
    private const int BufferSize = 1 << 16;

    /// <summary>Reads a transaction log from a file with the default options: a <c>customer_id,date,amount</c> header, comma delimiters, ISO dates, invariant numbers, strict.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The imported rows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="CsvFormatException">A file-level problem, or the first bad row.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TransactionLog Read(string path) => Read(path, null);

    /// <summary>Reads a transaction log from a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Columns, format, mode, progress and cancellation; null for <see cref="TransactionCsvOptions.Default"/>.</param>
    /// <returns>The imported rows and, in lenient mode, the rejected ones.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent (for example no indices without a header, or an invalid date format); the message names the property.</exception>
    /// <exception cref="CsvFormatException">A file-level problem, or (strict mode) the first bad row.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TransactionCsvOptions.CancellationToken"/> was cancelled before the whole file was read.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TransactionLog Read(string path, TransactionCsvOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= TransactionCsvOptions.Default;
        options.Validate();
        using var stream = OpenFile(path);
        return TransactionCsvReader.Read(Decode(stream), options);
    }

    /// <summary>Reads a transaction log from a stream (read to its end and left open) with the default options: a <c>customer_id,date,amount</c> header, comma delimiters, ISO dates, invariant numbers, strict.</summary>
    /// <param name="stream">The stream, positioned at the start of the text.</param>
    /// <returns>The imported rows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="CsvFormatException">A file-level problem, or the first bad row.</exception>
    public static TransactionLog Read(Stream stream) => Read(stream, null);

    /// <summary>Reads a transaction log from a stream (read to its end and left open).</summary>
    /// <param name="stream">The stream, positioned at the start of the text.</param>
    /// <param name="options">Columns, format, mode, progress and cancellation; null for <see cref="TransactionCsvOptions.Default"/>.</param>
    /// <returns>The imported rows and, in lenient mode, the rejected ones.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent (for example no indices without a header, or an invalid date format); the message names the property.</exception>
    /// <exception cref="CsvFormatException">A file-level problem, or (strict mode) the first bad row.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TransactionCsvOptions.CancellationToken"/> was cancelled before the whole stream was read.</exception>
    public static TransactionLog Read(Stream stream, TransactionCsvOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= TransactionCsvOptions.Default;
        options.Validate();
        return TransactionCsvReader.Read(Decode(stream), options);
    }

    /// <summary>
    /// Reads a transaction log from a file straight into a <see cref="CustomerSummariesBuilder"/> with the default
    /// options, as <see cref="ReadInto(string, CustomerSummariesBuilder, TransactionCsvOptions?)"/> does.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="builder">Receives every imported row as it is read.</param>
    /// <returns>How many rows were imported.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="builder"/> is null.</exception>
    /// <exception cref="CsvFormatException">A file-level problem, or the first bad row; rows before it were already added.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CsvReadReport ReadInto(string path, CustomerSummariesBuilder builder) => ReadInto(path, builder, null);

    /// <summary>
    /// Reads a transaction log from a file straight into a <see cref="CustomerSummariesBuilder"/>, without holding the
    /// rows: memory grows with customers and their purchase days, not with the file. Call
    /// <see cref="CustomerSummariesBuilder.Build"/> afterwards (several files can feed one builder).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="builder">Receives every imported row as it is read, through <see cref="CustomerSummariesBuilder.Add(ReadOnlySpan{char}, DateOnly, double)"/> (no string per row).</param>
    /// <param name="options">Columns, format, mode, progress and cancellation; null for <see cref="TransactionCsvOptions.Default"/>.</param>
    /// <returns>How many rows were imported and which were rejected (lenient mode).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent; the message names the property.</exception>
    /// <exception cref="CsvFormatException">A file-level problem, or (strict mode) the first bad row; rows before it were already added.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TransactionCsvOptions.CancellationToken"/> was cancelled before the whole file was read; rows read before it was seen stay in the builder.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CsvReadReport ReadInto(string path, CustomerSummariesBuilder builder, TransactionCsvOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(builder);
        options ??= TransactionCsvOptions.Default;
        options.Validate();
        using var stream = OpenFile(path);
        return TransactionCsvReader.ReadInto(Decode(stream), options, builder);
    }

    /// <summary>Reads a transaction log from a stream (read to its end and left open) straight into a <see cref="CustomerSummariesBuilder"/> with the default options.</summary>
    /// <param name="stream">The stream, positioned at the start of the text.</param>
    /// <param name="builder">Receives every imported row as it is read.</param>
    /// <returns>How many rows were imported.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="builder"/> is null.</exception>
    /// <exception cref="CsvFormatException">A file-level problem, or the first bad row; rows before it were already added.</exception>
    public static CsvReadReport ReadInto(Stream stream, CustomerSummariesBuilder builder) => ReadInto(stream, builder, null);

    /// <summary>
    /// Reads a transaction log from a stream (read to its end and left open) straight into a
    /// <see cref="CustomerSummariesBuilder"/>, as <see cref="ReadInto(string, CustomerSummariesBuilder, TransactionCsvOptions?)"/> does from a file.
    /// </summary>
    /// <param name="stream">The stream, positioned at the start of the text.</param>
    /// <param name="builder">Receives every imported row as it is read.</param>
    /// <param name="options">Columns, format, mode, progress and cancellation; null for <see cref="TransactionCsvOptions.Default"/>.</param>
    /// <returns>How many rows were imported and which were rejected (lenient mode).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent; the message names the property.</exception>
    /// <exception cref="CsvFormatException">A file-level problem, or (strict mode) the first bad row; rows before it were already added.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TransactionCsvOptions.CancellationToken"/> was cancelled before the whole stream was read; rows read before it was seen stay in the builder.</exception>
    public static CsvReadReport ReadInto(Stream stream, CustomerSummariesBuilder builder, TransactionCsvOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(builder);
        options ??= TransactionCsvOptions.Default;
        options.Validate();
        return TransactionCsvReader.ReadInto(Decode(stream), options, builder);
    }

    /// <summary>Writes transactions as <c>customer_id,date,amount</c> with ISO dates and invariant, round-trippable amounts.</summary>
    /// <param name="path">
    /// The file to create or replace as a whole (UTF-8 without byte order mark): the rows go to a temporary file in the same
    /// folder, then moved over it, so a failure leaves no half-written file (an existing one stays as it was).
    /// </param>
    /// <param name="transactions">The rows.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="path"/> is empty, or a row would not read back as written (see <see cref="Write(TextWriter, ReadOnlySpan{Transaction})"/>);
    /// the file is then not touched.
    /// </exception>
    public static void Write(string path, ReadOnlySpan<Transaction> transactions)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CheckReadsBack(transactions);
        string full = Path.GetFullPath(path);
        string temp = ReplacedFile.TemporaryPath(full);
        try
        {
            using (var writer = new StreamWriter(temp, append: false, CsvTable.Utf8, BufferSize))
            {
                Write(writer, transactions);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Writes transactions as <c>customer_id,date,amount</c> with ISO dates and invariant, round-trippable amounts.</summary>
    /// <param name="stream">The destination (left open; UTF-8 without byte order mark).</param>
    /// <param name="transactions">The rows.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// A row would not read back as written (see <see cref="Write(TextWriter, ReadOnlySpan{Transaction})"/>); nothing is written then.
    /// </exception>
    public static void Write(Stream stream, ReadOnlySpan<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(stream);
        CsvDestination.RequireWritable(stream);
        CheckReadsBack(transactions);
        using var writer = new StreamWriter(stream, CsvTable.Utf8, BufferSize, leaveOpen: true);
        Write(writer, transactions);
    }

    /// <summary>Writes transactions as <c>customer_id,date,amount</c> with ISO dates and invariant, round-trippable amounts.</summary>
    /// <param name="writer">The destination (left open; flushed).</param>
    /// <param name="transactions">The rows.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// A row would not read back as written, and nothing is written: a default <see cref="Transaction"/> (no customer id), or
    /// a customer id that starts or ends with a space or a tab (the reader trims them, so <c>" 42"</c> would come back as
    /// customer <c>"42"</c>). The message names the row.
    /// </exception>
    public static void Write(TextWriter writer, ReadOnlySpan<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CheckReadsBack(transactions);
        using var table = new CsvTable(writer, protectFormulas: false);
        table.Header("customer_id", "date", "amount");
        foreach (ref readonly var t in transactions)
        {
            table.Field(t.CustomerId);
            table.Field(t.Date);
            table.Field(t.Amount);
            table.EndRow();
        }
    }

    /// <summary>Refuses, before anything is written, a row the reader would not give back as it is.</summary>
    private static void CheckReadsBack(ReadOnlySpan<Transaction> transactions)
    {
        for (int i = 0; i < transactions.Length; i++)
        {
            string? id = transactions[i].CustomerId;
            if (id is null)
            {
                throw new ArgumentException(ThrowHelper.Format($"Row {i} is a default Transaction (no customer id)."), nameof(transactions));
            }

            if (id[0] is ' ' or '\t' || id[^1] is ' ' or '\t')
            {
                throw new ArgumentException(
                    ThrowHelper.Format($"Row {i}'s customer id '{MessageText.Show(id)}' starts or ends with a space or a tab, which the CSV reader trims: it would read back as '{MessageText.Show(id.Trim(' ', '\t'))}'."),
                    nameof(transactions));
            }
        }
    }

    private static FileStream OpenFile(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);

    /// <summary>The stream's text (see <see cref="TextDecoding"/>); the stream is left open.</summary>
    private static StreamReader Decode(Stream stream) => TextDecoding.Open(stream, BufferSize);
}
