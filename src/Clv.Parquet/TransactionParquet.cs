using Clv.Parquet.Internal;

namespace Clv.Parquet;

/// <summary>
/// Reads a transaction log (customer id, date, amount per row) from a Parquet file, and writes one.
/// </summary>
/// <remarks>
/// <para>Reading goes one row group at a time: the group's three columns are decoded, each row checked, and the good
/// rows handed on (to the log, or to a <see cref="CustomerSummariesBuilder"/>) before the next group is read, so memory
/// follows the largest row group, not the file. Columns and types are mapped as <see cref="TransactionParquetOptions"/>
/// documents; other columns are never read.</para>
/// <para>Rows are numbered from 1 across the whole file (row groups do not restart the count), and
/// <see cref="TransactionLog.RowsRead"/> is the file's row count. A row is rejected when its customer id is null or
/// empty, its date is null or (a text date) does not match <see cref="TransactionParquetOptions.DateFormat"/> exactly,
/// or its amount is null, NaN or infinite, or (with <see cref="TransactionParquetOptions.QuantityColumn"/>) its quantity
/// is null, NaN or infinite or the quantity times the unit price is not finite; the first failing column (id, then date,
/// then amount, then quantity) is named.</para>
/// <para>File-level problems throw <see cref="ParquetFormatException"/> in both modes: not a Parquet file, a configured
/// column missing (the message lists the file's columns), two columns matching a name ignoring case, a nested column, or a
/// column of a type that cannot be mapped (the message names the type).</para>
/// <para>Writing: <c>customer_id</c> (<c>STRING</c>), <c>date</c> (<c>DATE</c>) and <c>amount</c> (<c>DOUBLE</c>), all
/// <c>REQUIRED</c>, in row groups of 131,072 rows, through a temporary file moved over the destination when complete.
/// Read back, the rows are exactly the rows written.</para>
/// </remarks>
public static class TransactionParquet
{
    /// <summary>The columns written, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = ["customer_id", "date", "amount"];

    /// <summary>Reads a transaction log from a file with the default options (columns <c>customer_id</c>, <c>date</c>, <c>amount</c>; strict).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The imported rows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ParquetFormatException">A file-level problem, or the first bad row.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TransactionLog Read(string path) => Read(path, null);

    /// <summary>Reads a transaction log from a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Columns, date format, mode, progress and cancellation; null for <see cref="TransactionParquetOptions.Default"/>.</param>
    /// <returns>The imported rows and, in lenient mode, the rejected ones.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent; the message names the property.</exception>
    /// <exception cref="ParquetFormatException">A file-level problem, or (strict mode) the first bad row.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TransactionParquetOptions.CancellationToken"/> was cancelled before the whole file was read.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static TransactionLog Read(string path, TransactionParquetOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options = Checked(options);
        using var stream = ParquetFile.OpenRead(path);
        return ReadLog(stream, path, options);
    }

    /// <summary>Reads a transaction log from a stream with the default options.</summary>
    /// <param name="stream">The stream: readable and seekable (Parquet keeps its footer at the end); left open.</param>
    /// <returns>The imported rows.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot seek.</exception>
    /// <exception cref="ParquetFormatException">A file-level problem, or the first bad row.</exception>
    public static TransactionLog Read(Stream stream) => Read(stream, null);

    /// <summary>Reads a transaction log from a stream.</summary>
    /// <param name="stream">The stream: readable and seekable (Parquet keeps its footer at the end); left open.</param>
    /// <param name="options">Columns, date format, mode, progress and cancellation; null for <see cref="TransactionParquetOptions.Default"/>.</param>
    /// <returns>The imported rows and, in lenient mode, the rejected ones.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot seek, or the options are inconsistent (the message names the property).</exception>
    /// <exception cref="ParquetFormatException">A file-level problem, or (strict mode) the first bad row.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TransactionParquetOptions.CancellationToken"/> was cancelled before the whole stream was read.</exception>
    public static TransactionLog Read(Stream stream, TransactionParquetOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadLog(stream, null, Checked(options));
    }

    /// <summary>Reads a transaction log from a file straight into a builder with the default options, as <see cref="ReadInto(string, CustomerSummariesBuilder, TransactionParquetOptions?)"/> does.</summary>
    /// <param name="path">The file.</param>
    /// <param name="builder">Receives every imported row, a row group at a time.</param>
    /// <returns>How many rows were imported.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="builder"/> is null.</exception>
    /// <exception cref="ParquetFormatException">A file-level problem, or the first bad row; rows before it were already added.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ParquetReadReport ReadInto(string path, CustomerSummariesBuilder builder) => ReadInto(path, builder, null);

    /// <summary>
    /// Reads a transaction log from a file straight into a <see cref="CustomerSummariesBuilder"/>, a row group at a time,
    /// without holding the rows: memory grows with customers and their purchase days and the largest row group, not with
    /// the file. Call <see cref="CustomerSummariesBuilder.Build"/> afterwards (several files, Parquet or CSV, can feed one builder).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="builder">Receives every imported row through <see cref="CustomerSummariesBuilder.Add(ReadOnlySpan{char}, ReadOnlySpan{int}, ReadOnlySpan{int}, ReadOnlySpan{DateOnly}, ReadOnlySpan{double})"/>, one block per row group: a table with one entry per run of equal ids and an index per row (no string per row, one lookup per entry).</param>
    /// <param name="options">Columns, date format, mode, progress and cancellation; null for <see cref="TransactionParquetOptions.Default"/>.</param>
    /// <returns>How many rows were imported and which were rejected (lenient mode).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent; the message names the property.</exception>
    /// <exception cref="ParquetFormatException">A file-level problem, or (strict mode) the first bad row; rows before it were already added.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TransactionParquetOptions.CancellationToken"/> was cancelled before the whole file was read; row groups read before it was seen stay in the builder.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ParquetReadReport ReadInto(string path, CustomerSummariesBuilder builder, TransactionParquetOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(builder);
        options = Checked(options);
        using var stream = ParquetFile.OpenRead(path);
        return TransactionParquetReader.Read(stream, path, options, new BuilderSink(builder));
    }

    /// <summary>Reads a transaction log from a stream straight into a builder with the default options.</summary>
    /// <param name="stream">The stream: readable and seekable; left open.</param>
    /// <param name="builder">Receives every imported row, a row group at a time.</param>
    /// <returns>How many rows were imported.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot seek.</exception>
    /// <exception cref="ParquetFormatException">A file-level problem, or the first bad row; rows before it were already added.</exception>
    public static ParquetReadReport ReadInto(Stream stream, CustomerSummariesBuilder builder) => ReadInto(stream, builder, null);

    /// <summary>Reads a transaction log from a stream straight into a builder, as <see cref="ReadInto(string, CustomerSummariesBuilder, TransactionParquetOptions?)"/> does from a file.</summary>
    /// <param name="stream">The stream: readable and seekable; left open.</param>
    /// <param name="builder">Receives every imported row, a row group at a time.</param>
    /// <param name="options">Columns, date format, mode, progress and cancellation; null for <see cref="TransactionParquetOptions.Default"/>.</param>
    /// <returns>How many rows were imported and which were rejected (lenient mode).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot seek, or the options are inconsistent (the message names the property).</exception>
    /// <exception cref="ParquetFormatException">A file-level problem, or (strict mode) the first bad row; rows before it were already added.</exception>
    /// <exception cref="OperationCanceledException"><see cref="TransactionParquetOptions.CancellationToken"/> was cancelled before the whole stream was read.</exception>
    public static ParquetReadReport ReadInto(Stream stream, CustomerSummariesBuilder builder, TransactionParquetOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(builder);
        return TransactionParquetReader.Read(stream, null, Checked(options), new BuilderSink(builder));
    }

    /// <summary>Writes transactions as <c>customer_id</c> (STRING), <c>date</c> (DATE), <c>amount</c> (DOUBLE), through a temporary file moved over <paramref name="path"/> when complete.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="transactions">The rows.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">A row is a default <see cref="Transaction"/> (no customer id).</exception>
    public static void Write(string path, ReadOnlySpan<Transaction> transactions)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Table(transactions, ParquetTable.DefaultRowGroupRows).WriteTo(path);
    }

    /// <summary>Writes transactions as <c>customer_id</c> (STRING), <c>date</c> (DATE), <c>amount</c> (DOUBLE).</summary>
    /// <param name="stream">The destination: writable and seekable; left open.</param>
    /// <param name="transactions">The rows.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException">A row is a default <see cref="Transaction"/> (no customer id).</exception>
    public static void Write(Stream stream, ReadOnlySpan<Transaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Table(transactions, ParquetTable.DefaultRowGroupRows).WriteTo(stream);
    }

    /// <summary>The table of the rows, in row groups of <paramref name="rowGroupRows"/> rows (tests make them small).</summary>
    internal static ParquetTable Table(ReadOnlySpan<Transaction> transactions, int rowGroupRows)
    {
        var ids = new string[transactions.Length];
        var dates = new DateOnly[transactions.Length];
        var amounts = new double[transactions.Length];
        for (int i = 0; i < transactions.Length; i++)
        {
            ref readonly var t = ref transactions[i];
            ids[i] = t.CustomerId ?? throw new ArgumentException(ThrowHelper.Format($"Row {i} is a default Transaction (no customer id)."), nameof(transactions));
            dates[i] = t.Date;
            amounts[i] = t.Amount;
        }

        return new ParquetTable(transactions.Length) { RowGroupRows = rowGroupRows }
            .Add(Columns[0], ids)
            .Add(Columns[1], dates)
            .Add(Columns[2], amounts);
    }

    private static TransactionParquetOptions Checked(TransactionParquetOptions? options)
    {
        options ??= TransactionParquetOptions.Default;
        options.Validate();
        return options;
    }

    private static TransactionLog ReadLog(Stream stream, string? path, TransactionParquetOptions options)
    {
        var sink = new LogSink();
        var report = TransactionParquetReader.Read(stream, path, options, sink);
        return new TransactionLog(sink.Rows, report.Rejected);
    }
}
