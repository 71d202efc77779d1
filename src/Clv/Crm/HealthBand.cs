namespace Clv.Crm;

/// <summary>
/// A customer's health band, from the health score (0 to 100) and the thresholds of <see cref="HealthScoreOptions"/>:
/// Red below <see cref="HealthScoreOptions.AmberFrom"/>, Amber from it up to <see cref="HealthScoreOptions.GreenFrom"/>,
/// Green from <see cref="HealthScoreOptions.GreenFrom"/> up. Every customer gets exactly one band.
/// </summary>
public enum HealthBand
{
    /// <summary>Score below <see cref="HealthScoreOptions.AmberFrom"/> (40 by default): act now.</summary>
    Red = 0,

    /// <summary>Score from <see cref="HealthScoreOptions.AmberFrom"/> up to, not including, <see cref="HealthScoreOptions.GreenFrom"/> (40 to 70 by default): watch.</summary>
    Amber = 1,

    /// <summary>Score of <see cref="HealthScoreOptions.GreenFrom"/> or more (70 by default): healthy.</summary>
    Green = 2,

    /// <summary>No signal with a positive weight has a value for the customer (every one is missing), so there is no score.</summary>
    NotScored = 3,
}
