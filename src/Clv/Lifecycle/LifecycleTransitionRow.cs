namespace Clv.Lifecycle;

/// <summary>One non-empty cell of a <see cref="LifecycleTransitionReport"/>'s migration matrix.</summary>
/// <param name="FromStage">The stage at <see cref="LifecycleTransitionReport.From"/>.</param>
/// <param name="ToStage">The stage at <see cref="LifecycleTransitionReport.To"/>.</param>
/// <param name="Customers">Customers in <paramref name="FromStage"/> then <paramref name="ToStage"/> (at least 1).</param>
/// <param name="Share">Row share: <paramref name="Customers"/> over the customers in <paramref name="FromStage"/> at the first date, in (0, 1].</param>
public readonly record struct LifecycleTransitionRow(LifecycleStage FromStage, LifecycleStage ToStage, int Customers, double Share);
