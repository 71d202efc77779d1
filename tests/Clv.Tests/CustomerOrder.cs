namespace Clv.Tests;

/// <summary>
/// One log in two row orders (a database query without ORDER BY gives another order each night), so the customers come in
/// another order (the order of their first rows): for tests that an output is the same to the bit in either order.
/// </summary>
internal static class CustomerOrder
{
    public static readonly DateOnly Origin = new(2023, 1, 1);

    /// <summary>Calibration to day 450; rows up to day 540 are the holdout.</summary>
    public static readonly DateOnly End = Origin.AddDays(450);

    /// <summary>
    /// <paramref name="customers"/> customers in cents, one to seventeen purchases each around a typical price, some at the
    /// same list prices (ties), over 540 days; the summaries of that log as read and of the same rows shuffled.
    /// </summary>
    public static (CustomerSummaries A, CustomerSummaries B) Summaries(int seed, int customers) => Summaries(Rows(seed, customers), seed);

    /// <summary>The summaries of <paramref name="rows"/> as given and of the same rows shuffled.</summary>
    public static (CustomerSummaries A, CustomerSummaries B) Summaries(Transaction[] rows, int seed)
    {
        var shuffled = rows.ToArray();
        new Random(~seed).Shuffle(shuffled);
        return (CustomerSummaries.FromTransactions(rows, End, TimeUnit.Week), CustomerSummaries.FromTransactions(shuffled, End, TimeUnit.Week));
    }

    /// <summary>The rows of <see cref="Summaries(int, int)"/>, in the order they are made.</summary>
    public static Transaction[] Rows(int seed, int customers)
    {
        var g = new Random(seed);
        var rows = new List<Transaction>();
        double[] listPrices = [19.99, 49.99, 99.00, 149.50];
        for (int c = 0; c < customers; c++)
        {
            int first = g.Next(400);
            int n = 1 + (g.Next(3) == 0 ? g.Next(17) : g.Next(3));
            double typical = g.Next(500, 20_000) / 100.0;
            bool list = g.Next(3) == 0;
            for (int k = 0; k < n; k++)
            {
                int day = k == 0 ? first : first + g.Next(541 - first);
                double amount = list ? listPrices[g.Next(listPrices.Length)] : Math.Round(typical * (0.5 + g.NextDouble()), 2);
                rows.Add(new Transaction("cust" + c, Origin.AddDays(day), amount));
            }
        }

        return [.. rows];
    }

    /// <summary>Whether two doubles are the same to the bit.</summary>
    public static bool Same(double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y);

    /// <summary>A value per customer of <paramref name="b"/>, in <paramref name="a"/>'s customer order (matched by id).</summary>
    public static T[] InOrderOf<T>(CustomerSummaries a, CustomerSummaries b, T[] valuesOfB)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < b.Count; i++)
        {
            index.Add(b[i].CustomerId, i);
        }

        var result = new T[a.Count];
        for (int i = 0; i < a.Count; i++)
        {
            result[i] = valuesOfB[index[a[i].CustomerId]];
        }

        return result;
    }
}
