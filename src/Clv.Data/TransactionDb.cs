using System.Data.Common;
using Clv.Data.Internal;

namespace Clv.Data;

/// <summary>
/// Reads a transaction log from any ADO.NET result (<see cref="DbDataReader"/>: SQL Server, PostgreSQL, SQLite, ...),
/// streamed row by row: the query's customer id, date and amount columns, found by name (<see cref="TransactionDbOptions"/>),
/// with the CSV reader's row-level errors: strict (the first bad row throws <see cref="DbFormatException"/> naming its row,
/// column and value) or lenient (bad rows collected). The reader is read to its end and not disposed: it is the caller's.
/// </summary>
public static class TransactionDb
{
    private const int ReportEvery = 16_384;

    /// <summary>Reads every row into a <see cref="TransactionLog"/> (lenient: with the rejected rows).</summary>
    /// <param name="reader">The query's result, positioned before its first row.</param>
    /// <param name="options">Columns, date format, zone, mode; null for <see cref="TransactionDbOptions.Default"/>.</param>
    /// <returns>The log, rows in result order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid, or a column is missing (the message lists the result's columns) or named twice.</exception>
    /// <exception cref="DbFormatException">Strict mode: a bad row.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static TransactionLog Read(DbDataReader reader, TransactionDbOptions? options = null)
    {
        var rows = new List<Transaction>();
        var rejected = Run(reader, options, (id, day, amount) => rows.Add(new Transaction(id, day, amount)));
        return new TransactionLog(rows, rejected);
    }

    /// <summary>Streams every row into a summaries builder; nothing but the builder holds the rows.</summary>
    /// <param name="reader">The query's result, positioned before its first row.</param>
    /// <param name="builder">The builder that receives the rows.</param>
    /// <param name="options">Columns, date format, zone, mode; null for <see cref="TransactionDbOptions.Default"/>.</param>
    /// <returns>Rows imported and rejected.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid, or a column is missing or named twice.</exception>
    /// <exception cref="DbFormatException">Strict mode: a bad row (the rows before it are in the builder).</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static DbReadReport ReadInto(DbDataReader reader, CustomerSummariesBuilder builder, TransactionDbOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        long imported = 0;
        var rejected = Run(reader, options, (id, day, amount) =>
        {
            builder.Add(id, day, amount);
            imported++;
        });
        return new DbReadReport(imported, rejected);
    }

    /// <summary>Reads every row into a <see cref="TransactionLog"/>, awaiting the database between rows.</summary>
    /// <param name="reader">The query's result, positioned before its first row.</param>
    /// <param name="options">Columns, date format, zone, mode and the cancellation token; null for the defaults.</param>
    /// <returns>The log, rows in result order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid, or a column is missing or named twice.</exception>
    /// <exception cref="DbFormatException">Strict mode: a bad row.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static async Task<TransactionLog> ReadAsync(DbDataReader reader, TransactionDbOptions? options = null)
    {
        var rows = new List<Transaction>();
        var rejected = await RunAsync(reader, options, (id, day, amount) => rows.Add(new Transaction(id, day, amount))).ConfigureAwait(false);
        return new TransactionLog(rows, rejected);
    }

    /// <summary>Streams every row into a summaries builder, awaiting the database between rows.</summary>
    /// <param name="reader">The query's result, positioned before its first row.</param>
    /// <param name="builder">The builder that receives the rows (not thread-safe: add nothing else to it meanwhile).</param>
    /// <param name="options">Columns, date format, zone, mode and the cancellation token; null for the defaults.</param>
    /// <returns>Rows imported and rejected.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reader"/> or <paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is invalid, or a column is missing or named twice.</exception>
    /// <exception cref="DbFormatException">Strict mode: a bad row (the rows before it are in the builder).</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static async Task<DbReadReport> ReadIntoAsync(DbDataReader reader, CustomerSummariesBuilder builder, TransactionDbOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        long imported = 0;
        var rejected = await RunAsync(reader, options, (id, day, amount) =>
        {
            builder.Add(id, day, amount);
            imported++;
        }).ConfigureAwait(false);
        return new DbReadReport(imported, rejected);
    }

    private static IReadOnlyList<RejectedRow> Run(DbDataReader reader, TransactionDbOptions? options, Action<string, DateOnly, double> add)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= TransactionDbOptions.Default;
        options.Validate();
        var rows = new DbRowReader(reader, options);
        options.CancellationToken.ThrowIfCancellationRequested();
        while (reader.Read())
        {
            if (rows.TryRead(out string id, out DateOnly day, out double amount))
            {
                add(id, day, amount);
            }

            Report(rows.Rows, options);
        }

        ReportEnd(rows.Rows, options);
        return rows.Rejected;
    }

    private static async Task<IReadOnlyList<RejectedRow>> RunAsync(DbDataReader reader, TransactionDbOptions? options, Action<string, DateOnly, double> add)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= TransactionDbOptions.Default;
        options.Validate();
        var rows = new DbRowReader(reader, options);
        options.CancellationToken.ThrowIfCancellationRequested();
        while (await reader.ReadAsync(options.CancellationToken).ConfigureAwait(false))
        {
            if (rows.TryRead(out string id, out DateOnly day, out double amount))
            {
                add(id, day, amount);
            }

            Report(rows.Rows, options);
        }

        ReportEnd(rows.Rows, options);
        return rows.Rejected;
    }

    /// <summary>The final count, unless <see cref="Report"/> has just given it (a count that is a multiple of 16,384).</summary>
    private static void ReportEnd(long rows, TransactionDbOptions options)
    {
        if (rows == 0 || rows % ReportEvery != 0)
        {
            options.Progress?.Report(rows);
        }
    }

    private static void Report(long rows, TransactionDbOptions options)
    {
        if (rows % ReportEvery == 0)
        {
            options.Progress?.Report(rows);
            options.CancellationToken.ThrowIfCancellationRequested();
        }
    }
}
