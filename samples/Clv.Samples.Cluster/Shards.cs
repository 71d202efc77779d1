using System.Globalization;
using Clv.Benchmarks;

namespace Clv.Samples.Cluster;

/// <summary>Writes the synthetic log as one CSV file per partition (header customer_id,date,amount), split by a hash of the customer id.</summary>
internal static class Shards
{
    public static string[] Write(string folder, int customers, int partitions)
    {
        Directory.CreateDirectory(folder);
        var paths = Enumerable.Range(0, partitions).Select(p => Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"shard-{p:D3}.csv"))).ToArray();
        if (paths.All(File.Exists))
        {
            return paths;   // written by an earlier run with the same size (the generator is seeded)
        }

        var writers = paths.Select(p => new StreamWriter(p + ".tmp", false, new System.Text.UTF8Encoding(false), 1 << 16)).ToArray();
        try
        {
            foreach (var w in writers)
            {
                w.Write("customer_id,date,amount\n");
            }

            foreach (var t in SyntheticLog.Stream(customers))
            {
                SyntheticLog.WriteRow(writers[PartitionOf(t.CustomerId, partitions)], t);
            }
        }
        finally
        {
            foreach (var w in writers)
            {
                w.Dispose();
            }
        }

        foreach (string p in paths)
        {
            File.Move(p + ".tmp", p, overwrite: true);
        }

        return paths;
    }

    /// <summary>FNV-1a of the id's characters: stable across processes and machines (string.GetHashCode is not).</summary>
    public static int PartitionOf(string id, int partitions)
    {
        uint h = 2166136261;
        foreach (char c in id)
        {
            h = (h ^ c) * 16777619;
        }

        return (int)(h % (uint)partitions);
    }
}
