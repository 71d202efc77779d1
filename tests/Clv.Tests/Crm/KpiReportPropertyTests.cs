using Clv.Crm;
using Clv.Lifecycle;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Crm;

/// <summary>The KPI report against a plain, slow oracle written from the definitions, and its identities, on seeded random logs.</summary>
public class KpiReportPropertyTests
{
    private static (Transaction[] Log, DateOnly Start, DateOnly End, KpiOptions Options) Case(int seed)
    {
        var g = new Random(seed ^ 0x4b50);
        var log = Clv.Tests.Lifecycle.Log.Random(seed, customers: 12, maxRows: 90);
        var start = Clv.Tests.Lifecycle.Log.B.AddDays(g.Next(-20, 300));
        var end = start.AddDays(g.Next(0, 200));
        var options = new KpiOptions { ActiveWindowDays = g.Next(1, 120), Period = g.Next(3) == 0 ? CohortPeriod.Quarter : CohortPeriod.Month };
        return (log, start, end, options);
    }

    [Property(MaxTest = 300)]
    public Property Create_EqualsTheDefinitionsComputedNaively(int seed)
    {
        var (log, start, end, o) = Case(seed);
        var report = KpiReport.Create(log, start, end, o);
        int w = o.ActiveWindowDays;

        // Orders: distinct (customer, day) of purchases up to the end.
        var orders = log.Where(t => !t.IsRefund && t.Date <= end)
            .GroupBy(t => (t.CustomerId, t.Date))
            .Select(g => (Id: g.Key.CustomerId, Day: g.Key.Date, Amount: g.Sum(t => t.Amount)))
            .ToArray();
        var byCustomer = orders.GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.Select(x => x.Day).ToArray());
        bool ok = report.Rows[0].PeriodStart == start && report.Rows[^1].PeriodEnd == end;
        for (int p = 0; p < report.Rows.Count; p++)
        {
            var r = report.Rows[p];
            var (ps, pe) = (r.PeriodStart, r.PeriodEnd);
            ok &= p == 0 || report.Rows[p - 1].PeriodEnd.AddDays(1) == ps;
            bool Any(DateOnly[] days, DateOnly from, DateOnly to) => days.Any(d => d >= from && d <= to);
            int paying = byCustomer.Count(c => Any(c.Value, ps, pe));
            int newOnes = byCustomer.Count(c => c.Value.Min() >= ps && c.Value.Min() <= pe);
            int customerBase = byCustomer.Count(c => Any(c.Value, ps.AddDays(-w), pe));
            int atStart = byCustomer.Count(c => Any(c.Value, ps.AddDays(-w), ps.AddDays(-1)));
            int churned = byCustomer.Count(c => Any(c.Value, ps.AddDays(-w), ps.AddDays(-1)) && !Any(c.Value, pe.AddDays(1 - w), pe));
            int repeat = byCustomer.Count(c => Any(c.Value, ps, pe) && c.Value.Count(d => d <= pe) >= 2);
            long count = orders.Count(x => x.Day >= ps && x.Day <= pe);
            double revenue = orders.Where(x => x.Day >= ps && x.Day <= pe).Sum(x => x.Amount);
            double refunds = -log.Where(t => t.IsRefund && t.Date >= ps && t.Date <= pe).Sum(t => t.Amount);
            ok &= (r.PayingCustomers, r.NewCustomers, r.CustomerBase, r.ActiveAtStart, r.Churned, r.RepeatCustomers, r.Orders)
                == (paying, newOnes, customerBase, atStart, churned, repeat, count);
            ok &= Math.Abs(r.Revenue - revenue) <= 1e-9 * Math.Max(1, revenue) && Math.Abs(r.Refunds - refunds) <= 1e-9 * Math.Max(1, refunds);
        }

        return ok.ToProperty();
    }

    [Property(MaxTest = 300)]
    public Property Create_Identities(int seed)
    {
        var (log, start, end, o) = Case(seed);
        var rows = KpiReport.Create(log, start, end, o).Rows;
        var inRange = log.Where(t => t.Date >= start && t.Date <= end).ToArray();
        bool sums = Math.Abs(rows.Sum(r => r.Revenue) - inRange.Where(t => !t.IsRefund).Sum(t => t.Amount)) <= 1e-6
            && Math.Abs(rows.Sum(r => r.NetRevenue) - inRange.Sum(t => t.Amount)) <= 1e-6
            && rows.Sum(r => r.Orders) == inRange.Where(t => !t.IsRefund).Select(t => (t.CustomerId, t.Date)).Distinct().Count();
        bool counts = rows.All(r => r.NewCustomers <= r.PayingCustomers && r.PayingCustomers <= r.CustomerBase && r.RepeatCustomers <= r.PayingCustomers
            && r.Churned <= r.ActiveAtStart && r.ActiveAtStart <= r.CustomerBase && r.Orders >= r.PayingCustomers);
        bool ratios = rows.All(r => r.PayingCustomers == 0
            ? double.IsNaN(r.Arppu) && double.IsNaN(r.RepeatRate) && double.IsNaN(r.PurchaseFrequency) && double.IsNaN(r.AverageOrderValue)
            : r.Arppu >= r.Arpu && r.RepeatRate is >= 0 and <= 1 && r.PurchaseFrequency >= 1 && r.Arpu == r.Revenue / r.CustomerBase);
        bool churn = rows.All(r => r.ActiveAtStart == 0 ? double.IsNaN(r.ChurnRate) : r.ChurnRate is >= 0 and <= 1);
        return (sums && counts && ratios && churn).Label($"sums {sums} counts {counts} ratios {ratios} churn {churn}");
    }

    [Property(MaxTest = 200)]
    public Property Create_APeriodAlone_EqualsItsRowInALongerRange(int seed)
    {
        var (log, start, end, o) = Case(seed);
        var rows = KpiReport.Create(log, start, end, o).Rows;
        bool ok = true;
        foreach (var row in rows)
        {
            ok &= KpiReport.Create(log, row.PeriodStart, row.PeriodEnd, o).Rows.Single() == row;
        }

        return ok.ToProperty();
    }

    /// <summary>
    /// The same rows in any order give the same report to the bit: revenue and refunds per period are summed exactly (they were
    /// summed in the order customers first appeared, so a shuffled log changed their last digits).
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Create_AnyRowOrder_GivesTheSameRows(int seed, int shuffleSeed)
    {
        // Amounts in cents (sums of such doubles round differently in another order), several purchases a day, refunds.
        var g = new Random(seed);
        var start = new DateOnly(2024, 1, 1);
        var end = start.AddDays(g.Next(20, 120));
        var log = new Transaction[50 + g.Next(300)];
        for (int i = 0; i < log.Length; i++)
        {
            double amount = g.Next(8) == 0 ? -g.Next(1, 5_000) / 100.0 : g.Next(1, 20_000) / 100.0;
            log[i] = new Transaction("c" + g.Next(8), start.AddDays(g.Next(-30, (end.DayNumber - start.DayNumber) + 1)), amount);
        }

        var o = new KpiOptions { ActiveWindowDays = g.Next(1, 60), Period = CohortPeriod.Month };
        var shuffled = log.ToArray();
        new Random(shuffleSeed).Shuffle(shuffled);
        var a = KpiReport.Create(log, start, end, o).Rows;
        var b = KpiReport.Create(shuffled, start, end, o).Rows;
        int differ = Enumerable.Range(0, a.Count).FirstOrDefault(p => a[p] != b[p], -1);
        return (differ < 0).Label(differ < 0 ? "" : $"period {differ}: revenue {a[differ].Revenue:R} against {b[differ].Revenue:R}, refunds {a[differ].Refunds:R} against {b[differ].Refunds:R}");
    }
}
