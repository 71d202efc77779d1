using Clv.Internal;
using MathNet.Numerics.Distributions;

namespace Clv.Probabilistic;

/// <summary>Seeded simulation shared by the repeat-purchase models.</summary>
internal static partial class PurchaseSimulation
{
    /// <summary>Draws one customer observed for <c>age</c>; adds the purchase times (first purchase at 0) to <c>times</c> when given.</summary>
    public delegate PurchaseHistory Draw(double age, Random random, List<double>? times);

    public static PurchaseHistory[] Histories(ReadOnlySpan<double> ages, int seed, Draw draw)
    {
        var random = new Random(seed);
        var result = new PurchaseHistory[ages.Length];
        for (int i = 0; i < ages.Length; i++)
        {
            double age = ages[i];
            if (!(age >= 0) || double.IsPositiveInfinity(age))
            {
                ThrowHelper.ArgumentOutOfRange(nameof(ages), age, Guard.Format($"ages[{i}] must be a finite number of at least 0, but was {age}."));
            }

            result[i] = draw(age, random, null);
        }

        return result;
    }

    public static Transaction[] Transactions(ReadOnlySpan<DateOnly> firstPurchases, DateOnly end, GammaGammaModel spend, int seed, TimeUnit unit, Draw draw)
    {
        ArgumentNullException.ThrowIfNull(spend);
        var random = new Random(seed);
        var rows = new List<Transaction>(firstPurchases.Length * 3);
        var times = new List<double>();
        double unitDays = unit.LengthInDays();
        for (int i = 0; i < firstPurchases.Length; i++)
        {
            var first = firstPurchases[i];
            if (first > end)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(firstPurchases), first, Guard.Format($"firstPurchases[{i}] ({first:yyyy-MM-dd}) is after the end ({end:yyyy-MM-dd})."));
            }

            string id = "S" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            int days = end.DayNumber - first.DayNumber + 1;
            times.Clear();
            draw(days / unitDays, random, times);
            double nu = Gamma.Sample(random, spend.Q, spend.V);
            foreach (double t in times)
            {
                int offset = Math.Min((int)Math.Floor(t * unitDays), days - 1);
                rows.Add(new Transaction(id, first.AddDays(offset), Gamma.Sample(random, spend.P, nu)));
            }
        }

        return [.. rows];
    }
}
