using System.Globalization;
using Clv.Parquet.Internal;
using Parquet;
using Parquet.Schema;

namespace Clv.Parquet;

/// <summary>
/// Writes customer summaries as Parquet for a data pipeline or a CRM import, one row per customer with the columns (and
/// names) of the CSV writer, and reads them back exactly.
/// </summary>
/// <remarks>
/// <para>Columns: <c>customer_id</c> (STRING), <c>first_purchase</c> and <c>last_purchase</c> (DATE, null without a
/// purchase), <c>purchase_days</c> and <c>frequency</c> (INT32), <c>recency</c> and <c>age</c> (DOUBLE, in the unit
/// named by <c>time_unit</c>), <c>time_unit</c> (STRING: Day, Week, Month or Year), <c>days_since_last_purchase</c>
/// (INT32, null without a purchase), <c>spend</c>, <c>refunds</c>, <c>monetary_value</c> (DOUBLE),
/// <c>holdout_purchase_days</c> (INT32) and <c>holdout_spend</c> (DOUBLE). Doubles are stored as they are, so a file
/// read back gives the same summaries bit for bit.</para>
/// <para>Reading takes the columns by name (exactly, else ignoring case) in any order (<c>frequency</c> may be absent;
/// when present it must be <c>purchase_days</c> - 1, or 0 without a purchase day), and rebuilds each row with
/// <see cref="CustomerSummary.Create"/>. Besides the types written, a file of another tool may hold the counts
/// (<c>purchase_days</c>, <c>frequency</c>, <c>days_since_last_purchase</c>, <c>holdout_purchase_days</c>) as any whole
/// number (INT8 to INT64, signed or unsigned: DuckDB's <c>COUNT(*)</c> and <c>BIGINT</c>, Spark's <c>LongType</c>) or
/// whole values of DOUBLE, FLOAT or DECIMAL (pandas' integer column with a missing value), <c>customer_id</c> as a whole
/// number or UUID (its text, as <see cref="TransactionParquet"/> reads ids), and
/// <c>recency</c>, <c>age</c> and the spends as DOUBLE, FLOAT (widened exactly), DECIMAL (rounded to the nearest double)
/// or any whole number. A bad row is a null where none is allowed, a count beyond a 32-bit integer or not whole, a date beyond
/// 0001-01-01 to 9999-12-31 (never wrapped), an unknown
/// unit, a frequency that does not match, a value <see cref="CustomerSummary.Create"/> refuses (negative, NaN or
/// infinite, or fields that contradict each other such as a recency above the age, or a recency or age that is not the
/// dates' span in the file's unit), or a customer id already read in an
/// earlier row; the first failing check names the column. Rows are numbered from 1 across the whole file (row groups do
/// not restart the count). <see cref="Read(string)"/> is strict: the first bad row throws
/// <see cref="ParquetFormatException"/> naming the file, row and column. <see cref="ReadInto(string, ICollection{CustomerSummary}, CustomerSummaryParquetOptions?)"/>
/// with <see cref="ParquetReadMode.Lenient"/> collects bad rows in its report (row, column, value, reason) and returns
/// the good ones.</para>
/// </remarks>
public static partial class CustomerSummaryParquet
{
    /// <summary>The columns written, in order (the CSV writer's header).</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "customer_id", "first_purchase", "last_purchase", "purchase_days", "frequency", "recency", "age", "time_unit",
        "days_since_last_purchase", "spend", "refunds", "monetary_value", "holdout_purchase_days", "holdout_spend",
    ];

    /// <summary>Writes the summaries to a file, through a temporary file moved over <paramref name="path"/> when complete.</summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="summaries">The summaries.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="summaries"/> is null.</exception>
    public static void Write(string path, CustomerSummaries summaries)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(summaries);
        Table(summaries.AsSpan()).WriteTo(path);
    }

    /// <summary>Writes the summaries to a stream (writable and seekable; left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="summaries">The summaries.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="summaries"/> is null.</exception>
    public static void Write(Stream stream, CustomerSummaries summaries)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(summaries);
        Table(summaries.AsSpan()).WriteTo(stream);
    }

    /// <summary>Reads summaries written by <see cref="Write(string, CustomerSummaries)"/> (or any file with the same columns and types), strictly.</summary>
    /// <param name="path">The file.</param>
    /// <returns>One summary per row, in file order, for the batch members that take a span of summaries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ParquetFormatException">Not a Parquet file, a column missing or of another type, or a bad row (the message names file, row and column).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <remarks>
    /// Columns as written, or as another tool writes them: counts as any whole number (INT8 to INT64, signed or unsigned)
    /// or as whole values of DOUBLE, FLOAT or DECIMAL (pandas writes an integer column with a missing value as DOUBLE), a
    /// count beyond a 32-bit integer or not whole being a bad row (its file, row, column and value); <c>recency</c>, <c>age</c> and the
    /// spends as DOUBLE, FLOAT, DECIMAL or any whole number; dates as DATE; the id as STRING, a whole number or a UUID (read as its text, as <see cref="TransactionParquet"/> reads ids); the unit as STRING.
    /// </remarks>
    public static CustomerSummary[] Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var summaries = new List<CustomerSummary>();
        using var stream = ParquetFile.OpenRead(path);
        Read(stream, path, CustomerSummaryParquetOptions.Default, summaries);
        return [.. summaries];
    }

    /// <summary>Reads summaries from a stream (readable and seekable; left open), strictly.</summary>
    /// <param name="stream">The source.</param>
    /// <returns>One summary per row, in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot seek.</exception>
    /// <exception cref="ParquetFormatException">Not a Parquet file, a column missing or of another type, or a bad row (the message names row and column).</exception>
    /// <remarks>
    /// Columns as written, or as another tool writes them: counts as any whole number (INT8 to INT64, signed or unsigned)
    /// or as whole values of DOUBLE, FLOAT or DECIMAL (pandas writes an integer column with a missing value as DOUBLE), a
    /// count beyond a 32-bit integer or not whole being a bad row (its file, row, column and value); <c>recency</c>, <c>age</c> and the
    /// spends as DOUBLE, FLOAT, DECIMAL or any whole number; dates as DATE; the id as STRING, a whole number or a UUID (read as its text, as <see cref="TransactionParquet"/> reads ids); the unit as STRING.
    /// </remarks>
    public static CustomerSummary[] Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var summaries = new List<CustomerSummary>();
        Read(stream, null, CustomerSummaryParquetOptions.Default, summaries);
        return [.. summaries];
    }

    /// <summary>
    /// Reads summaries from a file into <paramref name="destination"/>, strictly or leniently: in lenient mode every bad row
    /// is skipped and listed in the report with its row number (from 1 across row groups), column, value and reason, and
    /// every good row is added, so nothing is dropped silently (<see cref="ParquetReadReport.RowsRead"/> is the file's row count).
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="destination">Receives each good row's summary, in file order (for example a <see cref="List{T}"/>).</param>
    /// <param name="options">The mode, progress and cancellation; null for <see cref="CustomerSummaryParquetOptions.Default"/> (strict).</param>
    /// <returns>Rows imported, rows rejected (lenient mode) and row groups read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="options"/> has an undefined mode (the message names <c>options.Mode</c>).</exception>
    /// <exception cref="ParquetFormatException">A file-level problem (not a Parquet file, a column missing or of another type), or (strict mode) the first bad row, naming file, row and column; rows before it were already added.</exception>
    /// <exception cref="OperationCanceledException"><see cref="CustomerSummaryParquetOptions.CancellationToken"/> was cancelled before the whole file was read; the row groups read before it was seen stay in <paramref name="destination"/>, whole.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <remarks>
    /// Columns as written, or as another tool writes them: counts as any whole number (INT8 to INT64, signed or unsigned)
    /// or as whole values of DOUBLE, FLOAT or DECIMAL (pandas writes an integer column with a missing value as DOUBLE), a
    /// count beyond a 32-bit integer or not whole being a bad row (its file, row, column and value); <c>recency</c>, <c>age</c> and the
    /// spends as DOUBLE, FLOAT, DECIMAL or any whole number; dates as DATE; the id as STRING, a whole number or a UUID (read as its text, as <see cref="TransactionParquet"/> reads ids); the unit as STRING.
    /// </remarks>
    public static ParquetReadReport ReadInto(string path, ICollection<CustomerSummary> destination, CustomerSummaryParquetOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(destination);
        options = Checked(options);
        using var stream = ParquetFile.OpenRead(path);
        return Read(stream, path, options, destination);
    }

    /// <summary>Reads summaries from a stream (readable and seekable; left open) into <paramref name="destination"/>, as <see cref="ReadInto(string, ICollection{CustomerSummary}, CustomerSummaryParquetOptions?)"/> does from a file.</summary>
    /// <param name="stream">The source.</param>
    /// <param name="destination">Receives each good row's summary, in file order.</param>
    /// <param name="options">The mode, progress and cancellation; null for <see cref="CustomerSummaryParquetOptions.Default"/> (strict).</param>
    /// <returns>Rows imported, rows rejected (lenient mode) and row groups read.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot seek.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="options"/> has an undefined mode (the message names <c>options.Mode</c>).</exception>
    /// <exception cref="ParquetFormatException">A file-level problem, or (strict mode) the first bad row, naming row and column; rows before it were already added.</exception>
    /// <exception cref="OperationCanceledException"><see cref="CustomerSummaryParquetOptions.CancellationToken"/> was cancelled before the whole stream was read; the row groups read before it was seen stay in <paramref name="destination"/>, whole.</exception>
    /// <remarks>
    /// Columns as written, or as another tool writes them: counts as any whole number (INT8 to INT64, signed or unsigned)
    /// or as whole values of DOUBLE, FLOAT or DECIMAL (pandas writes an integer column with a missing value as DOUBLE), a
    /// count beyond a 32-bit integer or not whole being a bad row (its file, row, column and value); <c>recency</c>, <c>age</c> and the
    /// spends as DOUBLE, FLOAT, DECIMAL or any whole number; dates as DATE; the id as STRING, a whole number or a UUID (read as its text, as <see cref="TransactionParquet"/> reads ids); the unit as STRING.
    /// </remarks>
    public static ParquetReadReport ReadInto(Stream stream, ICollection<CustomerSummary> destination, CustomerSummaryParquetOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(destination);
        return Read(stream, null, Checked(options), destination);
    }

    /// <summary>The table of the summaries, in row groups of <paramref name="rowGroupRows"/> rows (tests make them small).</summary>
    internal static ParquetTable Table(ReadOnlySpan<CustomerSummary> summaries, int rowGroupRows = ParquetTable.DefaultRowGroupRows)
    {
        int n = summaries.Length;
        var ids = new string[n];
        var first = new DateOnly?[n];
        var last = new DateOnly?[n];
        var purchaseDays = new int[n];
        var frequency = new int[n];
        var recency = new double[n];
        var age = new double[n];
        var units = new string[n];
        var quiet = new int?[n];
        var spend = new double[n];
        var refunds = new double[n];
        var monetary = new double[n];
        var holdoutDays = new int[n];
        var holdoutSpend = new double[n];
        for (int i = 0; i < n; i++)
        {
            ref readonly var s = ref summaries[i];
            ids[i] = s.CustomerId;
            first[i] = s.FirstPurchase;
            last[i] = s.LastPurchase;
            purchaseDays[i] = s.PurchaseDays;
            frequency[i] = s.Frequency;
            recency[i] = s.Recency;
            age[i] = s.Age;
            units[i] = UnitName(s.TimeUnit);
            quiet[i] = s.DaysSinceLastPurchase;
            spend[i] = s.Spend;
            refunds[i] = s.Refunds;
            monetary[i] = s.MonetaryValue;
            holdoutDays[i] = s.HoldoutPurchaseDays;
            holdoutSpend[i] = s.HoldoutSpend;
        }

        return new ParquetTable(n) { RowGroupRows = rowGroupRows }
            .Add(Columns[0], ids).Add(Columns[1], first).Add(Columns[2], last).Add(Columns[3], purchaseDays)
            .Add(Columns[4], frequency).Add(Columns[5], recency).Add(Columns[6], age).Add(Columns[7], units)
            .Add(Columns[8], quiet).Add(Columns[9], spend).Add(Columns[10], refunds).Add(Columns[11], monetary)
            .Add(Columns[12], holdoutDays).Add(Columns[13], holdoutSpend);
    }

    private static string UnitName(TimeUnit unit) => unit switch
    {
        TimeUnit.Day => "Day",
        TimeUnit.Week => "Week",
        TimeUnit.Month => "Month",
        _ => "Year",
    };
}
