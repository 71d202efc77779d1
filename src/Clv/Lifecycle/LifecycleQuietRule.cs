namespace Clv.Lifecycle;

/// <summary>How a <see cref="LifecyclePolicy"/> decides that a buyer has gone quiet (dormant or churned).</summary>
public enum LifecycleQuietRule
{
    /// <summary>Absolute days since the last activity (<see cref="LifecycleOptions.DormantAfterDays"/>, <see cref="LifecycleOptions.ChurnedAfterDays"/>).</summary>
    Days = 0,

    /// <summary>Days since the last activity compared with a multiple of the customer's own mean gap between purchase days.</summary>
    GapMultiple = 1,

    /// <summary>The probability that the customer is still active, from an <see cref="AliveProbability"/> provider.</summary>
    AliveProbability = 2,
}
