using System.Globalization;
using Clv.Csv;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Csv;

/// <summary>
/// Order lines with a quantity and a unit price (<see cref="TransactionCsvOptions.QuantityColumn"/>): each row's amount is
/// quantity × unit price, a bad quantity is a bad row naming its column, and the options say what is wrong with them.
/// </summary>
public class TransactionCsvQuantityTests
{
    private static readonly TransactionCsvOptions Lines = new() { AmountColumn = "UnitPrice", QuantityColumn = "Quantity" };

    [Property(MaxTest = 100)]
    public Property Read_OrderLines_SameTransactionsAsTheMultipliedAmounts()
    {
        var line =
            from id in Gen.Elements("A", "b b", "C,1", "Ü")
            from day in Gen.Choose(0, 3_000)
            from quantity in Gen.Choose(-5, 40)
            from cents in Gen.Choose(0, 250_000)
            from halves in Gen.Elements(false, true)
            select (Id: id, Day: DateOnly.FromDayNumber(730_000 + day), Quantity: halves ? quantity + 0.5 : quantity, Price: cents / 100.0);
        return Prop.ForAll(line.ArrayOf().ToArbitrary(), lines =>
        {
            var orderLines = new StringWriter();
            orderLines.Write("InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID\n");
            foreach (var (l, k) in lines.Select((l, k) => (l, k)))
            {
                orderLines.Write(string.Create(CultureInfo.InvariantCulture, $"{536365 + k},{l.Quantity},{l.Day:yyyy-MM-dd},{l.Price},{Quote(l.Id)}\n"));
            }

            var log = CsvText.Read(orderLines.ToString(), new TransactionCsvOptions
            {
                CustomerIdColumn = "CustomerID",
                DateColumn = "InvoiceDate",
                AmountColumn = "UnitPrice",
                QuantityColumn = "quantity",
            });

            // The same rows with the amount multiplied out and written in full, through the writer and the plain reader.
            var expected = lines.Select(l => new Transaction(l.Id, l.Day, l.Quantity * l.Price)).ToArray();
            var multiplied = new StringWriter();
            TransactionCsv.Write(multiplied, expected);
            var plain = CsvText.Read(multiplied.ToString());
            return log.Transactions.ToArray().SequenceEqual(expected)
                .Label("quantity x unit price, row by row")
                .And(plain.Transactions.ToArray().SequenceEqual(log.Transactions.ToArray()).Label("same as the multiplied file"));
        });
    }

    [Fact]
    public void ReadInto_OrderLines_SummariesOfTheMultipliedLog()
    {
        const string text = "customer_id,date,Quantity,UnitPrice\nA,2024-01-01,3,19.99\nA,2024-01-01,1,5\nA,2024-02-01,-1,19.99\nB,2024-01-15,2,0.1\n";
        const string multiplied = "customer_id,date,amount\nA,2024-01-01,59.97\nA,2024-01-01,5\nA,2024-02-01,-19.99\nB,2024-01-15,0.2\n";
        var end = new DateOnly(2024, 3, 1);
        var lines = new CustomerSummariesBuilder(end, TimeUnit.Day);
        using (var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)))
        {
            TransactionCsv.ReadInto(stream, lines, Lines);
        }

        var amounts = new CustomerSummariesBuilder(end, TimeUnit.Day);
        using (var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(multiplied)))
        {
            TransactionCsv.ReadInto(stream, amounts);
        }

        var a = lines.Build();
        var b = amounts.Build();
        Assert.Equal(2, a.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(b[i].CustomerId, a[i].CustomerId);
            Assert.Equal(b[i].Frequency, a[i].Frequency);
            Assert.Equal(b[i].NetSpend, a[i].NetSpend, 12);
        }

        // 3 x 19.99 + 5 - 19.99 on the day A bought twice and later returned one.
        Assert.Equal(44.98, a[0].NetSpend, 12);

        // The README's line: 3 at 19.99 is a transaction of 59.97 (the double nearest 59.97, not one ulp off).
        Assert.Equal(59.97, CsvText.Read(text, Lines).Transactions[0].Amount);
    }

    [Fact]
    public void Read_WithoutHeader_QuantityByIndex()
    {
        var log = CsvText.Read("A;2024-01-01;2;1,25\nB;2024-01-02;1,5;4\n", new TransactionCsvOptions
        {
            HasHeader = false,
            Delimiter = ';',
            Culture = CultureInfo.GetCultureInfo("de-DE"),
            CustomerIdIndex = 0,
            DateIndex = 1,
            QuantityIndex = 2,
            AmountIndex = 3,
        });

        Assert.Equal([2.5, 6.0], log.Transactions.ToArray().Select(t => t.Amount));
    }

    /// <summary>Name, file text, bad line, column, raw text, words in the reason.</summary>
    public static TheoryData<string, string, long, string, string, string> RowCases => new()
    {
        { "quantity not a number", "id,date,UnitPrice,Quantity\nA,2024-01-01,2,1\nB,2024-01-02,2,two\nC,2024-01-03,2,1\n", 3, "Quantity", "two", "Not a number in the culture 'invariant'" },
        { "empty quantity", "id,date,UnitPrice,Quantity\nA,2024-01-01,2,1\nB,2024-01-02,2,\nC,2024-01-03,2,1\n", 3, "Quantity", "", "Not a number" },
        { "NaN quantity", "id,date,UnitPrice,Quantity\nA,2024-01-01,2,1\nB,2024-01-02,2,NaN\nC,2024-01-03,2,1\n", 3, "Quantity", "NaN", "quantity is not a finite number" },
        { "product beyond a double", "id,date,UnitPrice,Quantity\nA,2024-01-01,2,1\nB,2024-01-02,1e200,1e200\nC,2024-01-03,2,1\n", 3, "Quantity", "1e200", "times the unit price (1E+200) is not a finite number" },
        { "row ends before the quantity", "id,date,UnitPrice,Quantity\nA,2024-01-01,2,1\nB,2024-01-02,2\nC,2024-01-03,2,1\n", 3, "Quantity", "B,2024-01-02,2", "column 'Quantity' (index 3) is missing" },
        { "price still checked first", "id,date,UnitPrice,Quantity\nA,2024-01-01,2,1\nB,2024-01-02,x,y\nC,2024-01-03,2,1\n", 3, "UnitPrice", "x", "Not a number" },
    };

    [Theory]
    [MemberData(nameof(RowCases))]
    public void Read_BadQuantity_StrictThrowsAndLenientRejectsThatRow(string name, string text, long line, string column, string raw, string reason)
    {
        var options = new TransactionCsvOptions { CustomerIdColumn = "id", AmountColumn = "UnitPrice", QuantityColumn = "Quantity" };

        var e = Assert.Throws<CsvFormatException>(() => CsvText.Read(text, options));
        Assert.Equal((line, column, raw), (e.LineNumber, e.Column, e.RawText));
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);

        var log = CsvText.Read(text, new TransactionCsvOptions { CustomerIdColumn = "id", AmountColumn = "UnitPrice", QuantityColumn = "Quantity", Mode = CsvReadMode.Lenient });
        Assert.Equal(["A", "C"], log.Transactions.ToArray().Select(t => t.CustomerId));
        Assert.Equal([2.0, 2.0], log.Transactions.ToArray().Select(t => t.Amount));
        var rejected = Assert.Single(log.Rejected);
        Assert.Equal((line, column, raw), (rejected.LineNumber, rejected.Column, rejected.RawText));
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public void Read_HeaderWithoutTheQuantityColumn_FileErrorListingTheHeader()
    {
        var e = Assert.Throws<CsvFormatException>(() => CsvText.Read("customer_id,date,UnitPrice\nA,2024-01-01,2\n", new TransactionCsvOptions { AmountColumn = "UnitPrice", QuantityColumn = "Quantity", Mode = CsvReadMode.Lenient }));

        Assert.Equal("Quantity", e.Column);
        Assert.Contains("has no column 'Quantity'; it has: customer_id, date, UnitPrice", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_QuantityResolvesToTheAmountsField_FileError()
    {
        // The amount by index, the quantity by a name that the header puts at the same index.
        var e = Assert.Throws<CsvFormatException>(() => CsvText.Read("customer_id,date,amount\nA,2024-01-01,2\n", new TransactionCsvOptions { AmountIndex = 2, QuantityColumn = "AMOUNT" }));

        Assert.Contains("quantity must be a column of its own, but resolves to field 2, which is also the amount (unit price)", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZeroLines_AreTransactionsOfPlusZero()
    {
        // A free item and the return of one: transactions of 0 (not -0), as an amount of 0 is; -1 at a price is a refund.
        var log = CsvText.Read("customer_id,date,amount,q\nA,2024-01-01,0,3\nA,2024-01-10,0,-1\nA,2024-01-11,2.5,-1\n", new TransactionCsvOptions { QuantityColumn = "q" });

        Assert.Equal([0L, 0L], log.Transactions[..2].ToArray().Select(t => BitConverter.DoubleToInt64Bits(t.Amount)));
        Assert.Equal(-2.5, log.Transactions[2].Amount);
    }

    public static TheoryData<string, TransactionCsvOptions, string> BadOptions => new()
    {
        { "negative index", new TransactionCsvOptions { QuantityIndex = -1 }, "options.QuantityIndex" },
        { "blank name", new TransactionCsvOptions { QuantityColumn = " " }, "options.QuantityColumn" },
        { "name without a header", new TransactionCsvOptions { HasHeader = false, CustomerIdIndex = 0, DateIndex = 1, AmountIndex = 2, QuantityColumn = "Quantity" }, "options.QuantityColumn" },
        { "index of the amount", new TransactionCsvOptions { AmountIndex = 2, QuantityIndex = 2 }, "options.QuantityIndex" },
        { "index of the id", new TransactionCsvOptions { CustomerIdIndex = 0, QuantityIndex = 0 }, "options.QuantityIndex" },
        { "name of the amount", new TransactionCsvOptions { QuantityColumn = " AMOUNT" }, "options.QuantityColumn" },
        { "name of the date", new TransactionCsvOptions { DateColumn = "day", QuantityColumn = "Day" }, "options.QuantityColumn" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Read_BadQuantityOptions_ArgumentErrorNamingTheProperty(string name, TransactionCsvOptions options, string parameter)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => CsvText.Read("customer_id,date,amount,q\nA,2024-01-01,2,1\n", options));

        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(parameter, e.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(name));
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
