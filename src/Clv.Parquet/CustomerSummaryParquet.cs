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
/// <para>Reading takes the columns by name (exactly, else ignoring case) in any order, each of the type written
/// (<c>frequency</c> is not read: it is <c>purchase_days</c> - 1), and rebuilds each row with
/// <see cref="CustomerSummary.Create"/>; a null where none is allowed, an unknown unit or fields that contradict
/// each other throw <see cref="ParquetFormatException"/> naming the row and column.</para>
/// </remarks>
public static class CustomerSummaryParquet
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

    /// <summary>Reads summaries written by <see cref="Write(string, CustomerSummaries)"/> (or any file with the same columns and types).</summary>
    /// <param name="path">The file.</param>
    /// <returns>One summary per row, in file order, for the batch members that take a span of summaries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ParquetFormatException">Not a Parquet file, a column missing or of another type, or a bad row (the message names row and column).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static CustomerSummary[] Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = ParquetFile.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads summaries from a stream (readable and seekable; left open).</summary>
    /// <param name="stream">The source.</param>
    /// <returns>One summary per row, in file order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> cannot seek.</exception>
    /// <exception cref="ParquetFormatException">Not a Parquet file, a column missing or of another type, or a bad row (the message names row and column).</exception>
    public static CustomerSummary[] Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Read(stream, null);
    }

    internal static ParquetTable Table(ReadOnlySpan<CustomerSummary> summaries)
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

        return new ParquetTable(n)
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

    private static CustomerSummary[] Read(Stream stream, string? path)
    {
        var reader = ParquetFile.OpenReader(stream, path);
        try
        {
            var schema = reader.Schema;
            var ids = Column<ReadOnlyMemory<char>>(schema, 0, typeof(string), path);
            var first = Column<DateOnly>(schema, 1, typeof(DateOnly), path);
            var last = Column<DateOnly>(schema, 2, typeof(DateOnly), path);
            var purchaseDays = Column<int>(schema, 3, typeof(int), path);
            var recency = Column<double>(schema, 5, typeof(double), path);
            var age = Column<double>(schema, 6, typeof(double), path);
            var units = Column<ReadOnlyMemory<char>>(schema, 7, typeof(string), path);
            var quiet = Column<int>(schema, 8, typeof(int), path);
            var spend = Column<double>(schema, 9, typeof(double), path);
            var refunds = Column<double>(schema, 10, typeof(double), path);
            var monetary = Column<double>(schema, 11, typeof(double), path);
            var holdoutDays = Column<int>(schema, 12, typeof(int), path);
            var holdoutSpend = Column<double>(schema, 13, typeof(double), path);
            var result = new List<CustomerSummary>();
            long row = 0;
            for (int g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                int n = checked((int)group.RowCount);
                ParquetFile.Guard(path, () =>
                {
                    ids.Read(group, n);
                    first.Read(group, n);
                    last.Read(group, n);
                    purchaseDays.Read(group, n);
                    recency.Read(group, n);
                    age.Read(group, n);
                    units.Read(group, n);
                    quiet.Read(group, n);
                    spend.Read(group, n);
                    refunds.Read(group, n);
                    monetary.Read(group, n);
                    holdoutDays.Read(group, n);
                    holdoutSpend.Read(group, n);
                });
                for (int i = 0; i < n; i++)
                {
                    row++;
                    string id = Required(ids, row, path).ToString();
                    DateOnly? firstDay = first.Next(out var f) ? f : null;
                    DateOnly? lastDay = last.Next(out var l) ? l : null;
                    int days = Required(purchaseDays, row, path);
                    double r = Required(recency, row, path);
                    double t = Required(age, row, path);
                    var unitText = Required(units, row, path);
                    int? daysQuiet = quiet.Next(out int q) ? q : null;
                    double s = Required(spend, row, path);
                    double refund = Required(refunds, row, path);
                    double m = Required(monetary, row, path);
                    int hd = Required(holdoutDays, row, path);
                    double hs = Required(holdoutSpend, row, path);
                    if (!Enum.TryParse(unitText.Span, ignoreCase: false, out TimeUnit unit) || !Enum.IsDefined(unit) || unitText.IsEmpty || !char.IsAsciiLetter(unitText.Span[0]))
                    {
                        throw new ParquetFormatException(path, row, units.Field.Name, MessageText.Cap(unitText.Span), "The time unit must be Day, Week, Month or Year.");
                    }

                    try
                    {
                        result.Add(CustomerSummary.Create(id, unit, firstDay, lastDay, days, r, t, daysQuiet, s, refund, m, hd, hs));
                    }
                    catch (ArgumentException e)
                    {
                        string column = ColumnOf(e.ParamName);
                        throw new ParquetFormatException(path, row, column, string.Empty, e.Message.Split(" (Parameter", 2)[0], e);
                    }
                }
            }

            return [.. result];
        }
        finally
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static string ColumnOf(string? parameter) => parameter switch
    {
        "customerId" => Columns[0],
        "firstPurchase" => Columns[1],
        "lastPurchase" => Columns[2],
        "recency" => Columns[5],
        "age" => Columns[6],
        "daysSinceLastPurchase" => Columns[8],
        "spend" => Columns[9],
        "refunds" => Columns[10],
        "monetaryValue" => Columns[11],
        "holdoutPurchaseDays" => Columns[12],
        "holdoutSpend" => Columns[13],
        _ => Columns[3],
    };

    private static ColumnBuffer<T> Column<T>(ParquetSchema schema, int index, Type type, string? path)
        where T : struct
    {
        string name = Columns[index];
        var field = TransactionParquetReader.Find(schema, name, "summary", path);
        if ((type == typeof(string) ? !TransactionParquetReader.IsText(field) : field.ClrType != type) || field is DecimalDataField)
        {
            throw TransactionParquetReader.WrongType(field, "summary", ThrowHelper.Format($"'{name}' is written as {TransactionParquetReader.Describe(new DataField(name, type))}"), path);
        }

        return new ColumnBuffer<T>(field);
    }

    private static T Required<T>(ColumnBuffer<T> column, long row, string? path)
        where T : struct
    {
        if (!column.Next(out var value))
        {
            throw new ParquetFormatException(path, row, column.Field.Name, string.Empty, "The value is null.");
        }

        return value;
    }
}
