namespace Clv.Orleans;

/// <summary>The format of the scorecard file each partition writes.</summary>
public enum ClusterOutputFormat
{
    /// <summary>Parquet, as <c>Clv.Parquet.ScorecardParquet</c> writes it (<c>part-00000.parquet</c>, ...).</summary>
    Parquet = 0,

    /// <summary>CSV, as <c>Clv.Csv.ScorecardCsv</c> writes it (<c>part-00000.csv</c>, ...; numbers round-trip exactly).</summary>
    Csv = 1,
}
