using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// The renewal curves of several contract cohorts against one sBG model (for example the one <see cref="ShiftedBetaGeometricModel.FitCohorts"/>
/// fitted to them): per cohort and period, actual and expected survivors and retention rates, so a cohort that renews worse than
/// the others stands out.
/// </summary>
public sealed class ContractCohortReport
{
    private ContractCohortReport(ContractCohortRow[] rows, ShiftedBetaGeometricModel model)
    {
        Rows = rows;
        Model = model;
    }

    /// <summary>One row per cohort and observed period, cohort by cohort, periods ascending.</summary>
    public IReadOnlyList<ContractCohortRow> Rows { get; }

    /// <summary>The model the expectations come from.</summary>
    public ShiftedBetaGeometricModel Model { get; }

    /// <summary>Compares each cohort's survivors with the model's survival curve.</summary>
    /// <param name="model">The sBG model.</param>
    /// <param name="aliveCounts">Per cohort: subscribers alive at t = 0, 1, ..., n_c (checked as in <see cref="ShiftedBetaGeometricModel.FitCohorts"/>).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">A cohort has fewer than two counts.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, a cohort's first count is 0, or a count exceeds the one before it.</exception>
    public static ContractCohortReport Create(ShiftedBetaGeometricModel model, IReadOnlyList<int[]> aliveCounts)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(aliveCounts);
        var rows = new List<ContractCohortRow>();
        for (int c = 0; c < aliveCounts.Count; c++)
        {
            string name = Guard.Format($"aliveCounts[{c}]");
            var alive = aliveCounts[c] ?? throw new ArgumentNullException(name);
            ShiftedBetaGeometricLikelihood.Checked(alive, name);
            for (int t = 1; t < alive.Length; t++)
            {
                double actualRetention = alive[t - 1] > 0 ? (double)alive[t] / alive[t - 1] : double.NaN;
                rows.Add(new ContractCohortRow(c, t, alive[t], alive[0] * model.Survival(t), actualRetention, model.RetentionRate(t)));
            }
        }

        return new ContractCohortReport([.. rows], model);
    }

    /// <summary>The report as a fixed-width table (invariant culture).</summary>
    /// <returns>The table.</returns>
    public override string ToString()
    {
        var table = new TextTable(("cohort", false), ("period", false), ("alive", false), ("expected", false), ("retention", false), ("model retention", false));
        foreach (var r in Rows)
        {
            table.Add(TextTable.Int(r.Cohort), TextTable.Int(r.Period), TextTable.Int(r.ActualAlive), TextTable.Number(r.ExpectedAlive, "0.0"), TextTable.Share(r.ActualRetention), TextTable.Share(r.ExpectedRetention));
        }

        return table.Render(Guard.Format($"Renewal curves of {Rows.Select(r => r.Cohort).Distinct().Count()} cohorts against {Model}"));
    }
}
