namespace Clv.Crm;

/// <summary>The value type of a <see cref="ScorecardColumn"/>, for writers that map it to a typed column (CSV, Parquet, a database).</summary>
public enum ScorecardColumnKind
{
    /// <summary>Text (<see cref="ScorecardColumn.GetText(int)"/>); null where the customer has no value.</summary>
    Text = 0,

    /// <summary>A whole number (<see cref="ScorecardColumn.GetInteger(int)"/>); null where the customer has no value.</summary>
    Integer = 1,

    /// <summary>A real number (<see cref="ScorecardColumn.GetNumber(int)"/>), finite; null where the customer has no value.</summary>
    Number = 2,
}
