using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>Batch predictions and starting values shared by the repeat-purchase models.</summary>
internal static class PurchaseModelBatch
{
    /// <summary>Deterministic starting values (r, α, a, b) from the mean purchase rate ρ = Σ x / Σ T: α = r/ρ.</summary>
    public static double[][] Starts(HistoryRows rows, string modelName)
    {
        if (rows.TotalWeight == 0)
        {
            throw new ModelFitException(Guard.Format($"{modelName} fit needs customers with a purchase, but there were none ({rows.Excluded} excluded without a purchase)."));
        }

        if (rows.WeightedFrequency == 0)
        {
            throw new ModelFitException(Guard.Format($"{modelName} fit needs repeat purchases, but none of the {rows.TotalWeight} customers has one: the purchase and dropout processes cannot be identified."));
        }

        double rho = rows.WeightedAge > 0 ? rows.WeightedFrequency / rows.WeightedAge : 1;
        return [[1, 1 / rho, 1, 1], [0.25, 0.25 / rho, 0.8, 2.5], [0.1, 0.1 / rho, 0.5, 5], [3, 3 / rho, 2, 10]];
    }

    /// <summary>Factor converting recency and age from the customers' unit to the model's.</summary>
    public static double Scale(TimeUnit from, TimeUnit to) => from == to ? 1 : from.LengthInDays() / to.LengthInDays();

    public static void ProbabilityAlive(IAliveExpectation model, ReadOnlySpan<CustomerSummary> customers, Span<double> destination, double scale)
    {
        Guard.SameLength(customers.Length, destination.Length);
        for (int i = 0; i < customers.Length; i++)
        {
            ref readonly var c = ref customers[i];
            destination[i] = model.ProbabilityAliveUnchecked(c.Frequency, c.Recency * scale, c.Age * scale);
        }
    }

    public static double[] ProbabilityAlive<TModel>(TModel model, CustomerSummaries customers)
        where TModel : IPurchaseModel, IAliveExpectation
    {
        ArgumentNullException.ThrowIfNull(customers);
        var result = new double[customers.Count];
        ProbabilityAlive(model, customers.AsSpan(), result, Scale(customers.TimeUnit, model.TimeUnit));
        return result;
    }

    public static void ConditionalExpectedPurchases(IAliveExpectation model, ReadOnlySpan<CustomerSummary> customers, double time, Span<double> destination, double scale)
    {
        Guard.NonNegative(time);
        Guard.SameLength(customers.Length, destination.Length);
        var index = new KeyIndex(256);
        var cache = new List<double>();
        for (int i = 0; i < customers.Length; i++)
        {
            ref readonly var c = ref customers[i];
            int x = c.Frequency;
            double age = c.Age * scale;
            int k = index.GetOrAdd(x, 0, age);
            if (k == cache.Count)
            {
                cache.Add(model.ExpectedPurchasesIfAlive(x, age, time));
            }

            double ifAlive = cache[k];
            destination[i] = model.ProbabilityAliveUnchecked(x, c.Recency * scale, age) * ifAlive;
        }
    }

    public static double[] ConditionalExpectedPurchases<TModel>(TModel model, CustomerSummaries customers, double time)
        where TModel : IPurchaseModel, IAliveExpectation
    {
        ArgumentNullException.ThrowIfNull(customers);
        var result = new double[customers.Count];
        ConditionalExpectedPurchases(model, customers.AsSpan(), time, result, Scale(customers.TimeUnit, model.TimeUnit));
        return result;
    }
}
