namespace Clv.Parquet.Internal;

/// <summary>What every per-customer score writer shares: the id column, and the check that the scores are one per customer.</summary>
internal static class ScoreTables
{
    public static string[] Ids(CustomerSummaries customers)
    {
        var ids = new string[customers.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = customers[i].CustomerId;
        }

        return ids;
    }

    public static void SameCount(CustomerSummaries customers, int count, string paramName)
    {
        if (customers.Count != count)
        {
            throw new ArgumentException(
                ThrowHelper.Format($"{paramName} has {count} customers but customers has {customers.Count}: pass the summaries the values were computed for."),
                paramName);
        }
    }
}
