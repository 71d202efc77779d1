using Clv.Lifecycle;
using Clv.Probabilistic;

namespace Clv.Orleans;

/// <summary>
/// The result of a completed cluster job: the fitted models, the merged fit statistics they were fitted from, totals
/// and counts over all customers, and the partitions' scorecard files. The totals are sums of the partitions' sums, in
/// partition order.
/// </summary>
public sealed class ClusterJobResult
{
    internal ClusterJobResult(
        string jobId,
        BgNbdModel purchases,
        GammaGammaModel spend,
        PurchaseStatistics purchaseStatistics,
        SpendStatistics spendStatistics,
        long statisticsBytes,
        long transactions,
        long rejectedRows,
        long customers,
        double clv,
        double expectedPurchases,
        double expectedAlive,
        double historicalValue,
        IReadOnlyDictionary<LifecycleStage, long> stages,
        IReadOnlyDictionary<string, long> segments,
        IReadOnlyList<string> outputFiles)
    {
        JobId = jobId;
        PurchaseModel = purchases;
        SpendModel = spend;
        PurchaseStatistics = purchaseStatistics;
        SpendStatistics = spendStatistics;
        StatisticsBytes = statisticsBytes;
        Transactions = transactions;
        RejectedRows = rejectedRows;
        Customers = customers;
        TotalClv = clv;
        ExpectedPurchases = expectedPurchases;
        ExpectedAliveCustomers = expectedAlive;
        HistoricalValue = historicalValue;
        StageCounts = stages;
        SegmentCounts = segments;
        OutputFiles = outputFiles;
    }

    /// <summary>The job's id.</summary>
    public string JobId { get; }

    /// <summary>The BG/NBD model fitted once, on the merged statistics of all partitions.</summary>
    public BgNbdModel PurchaseModel { get; }

    /// <summary>The Gamma-Gamma model fitted once, on the merged spend statistics of all partitions.</summary>
    public GammaGammaModel SpendModel { get; }

    /// <summary>The merged purchase statistics (what the BG/NBD fit saw).</summary>
    public PurchaseStatistics PurchaseStatistics { get; }

    /// <summary>The merged spend statistics (what the Gamma-Gamma fit saw).</summary>
    public SpendStatistics SpendStatistics { get; }

    /// <summary>The bytes of fit statistics the partitions shipped to the job grain (purchase and spend, all partitions).</summary>
    public long StatisticsBytes { get; }

    /// <summary>Transactions read (calibration, holdout and excluded rows counted as <see cref="CustomerSummaries.TransactionCount"/> counts them).</summary>
    public long Transactions { get; }

    /// <summary>Rows a lenient read rejected (0 in strict mode, where a bad row fails the job).</summary>
    public long RejectedRows { get; }

    /// <summary>Customers scored (rows in all output files).</summary>
    public long Customers { get; }

    /// <summary>The sum of every customer's predicted CLV over the spec's horizon.</summary>
    public double TotalClv { get; }

    /// <summary>The sum of every customer's expected purchases over the horizon.</summary>
    public double ExpectedPurchases { get; }

    /// <summary>The sum of every customer's P(alive): the expected number of customers still active.</summary>
    public double ExpectedAliveCustomers { get; }

    /// <summary>The sum of every customer's historical value (the scorecard's <c>historical_value</c>).</summary>
    public double HistoricalValue { get; }

    /// <summary>Customers by lifecycle stage (stages with no customer are left out).</summary>
    public IReadOnlyDictionary<LifecycleStage, long> StageCounts { get; }

    /// <summary>Customers by RFM segment name; empty when the spec has no <see cref="ClusterJobSpec.RfmCutPoints"/>.</summary>
    public IReadOnlyDictionary<string, long> SegmentCounts { get; }

    /// <summary>The partitions' scorecard files, in partition order.</summary>
    public IReadOnlyList<string> OutputFiles { get; }
}
