using System.Globalization;
using Clv.Lifecycle;

namespace Clv.Crm;

/// <summary>The columns: names, types and meanings, in one place for every writer.</summary>
public sealed partial class Scorecard
{
    private static ScorecardColumn[] ColumnsFor(ScorecardOptions options, Parts p, int clvYears)
    {
        var columns = new List<ScorecardColumn>
        {
            ScorecardColumn.Text("customer_id", "The customer's identifier.", p.Count, r => r.CustomerId, i => p.Ids[i]),
            ScorecardColumn.Integer("days_since_last_purchase", "Days quiet: days from the last purchase day to the observation end; empty for a lead.", p.Count, r => r.DaysSinceLastPurchase, i => p.DaysSinceLastPurchase[i]),
        };

        if (options.Rfm is not null)
        {
            columns.Add(ScorecardColumn.Integer("r_score", "Recency score 1..k (higher = more recent); empty for a lead.", p.Count, r => Part(r, s => s.R), i => p.Scored(i)?.R));
            columns.Add(ScorecardColumn.Integer("f_score", "Frequency score 1..k (higher = more purchases); empty for a lead.", p.Count, r => Part(r, s => s.F), i => p.Scored(i)?.F));
            columns.Add(ScorecardColumn.Integer("m_score", "Monetary score 1..k (higher = more spend); empty for a lead.", p.Count, r => Part(r, s => s.M), i => p.Scored(i)?.M));
            columns.Add(ScorecardColumn.Integer("rfm_code", "100 R + 10 F + M, e.g. 543; empty for a lead.", p.Count, r => Part(r, s => s.Code), i => p.Scored(i)?.Code));
        }

        if (options.Segments is not null)
        {
            columns.Add(ScorecardColumn.Text("rfm_segment", "The RFM segment's English name (Champions, At Risk, Lead ...).", p.Count, r => r.Segment?.Name, i => p.Segments?[i]?.Name));
            columns.Add(ScorecardColumn.Text("rfm_segment_zh", "The RFM segment's Chinese label (冠军客户 ...).", p.Count, r => r.Segment?.ChineseName, i => p.Segments?[i]?.ChineseName));
        }

        if (options.ValueTiers is not null)
        {
            columns.Add(ScorecardColumn.Text("value_tier", "The value tier's English name (High Value, Growth, Price-Sensitive, Low Value, Lead).", p.Count, r => r.ValueTier?.Name, i => p.Tiers?[i]?.Name));
            columns.Add(ScorecardColumn.Text("value_tier_zh", "The value tier's Chinese label (高价值客户 ...).", p.Count, r => r.ValueTier?.ChineseName, i => p.Tiers?[i]?.ChineseName));
        }

        if (options.Lifecycle is not null)
        {
            columns.Add(ScorecardColumn.Text("lifecycle_stage", "The lifecycle stage at the observation end (Lead, New, Growing, Mature, Dormant, Churned, Reactivated).", p.Count, r => r.Stage?.EnglishLabel(), i => p.Stages?[i].EnglishLabel()));
            columns.Add(ScorecardColumn.Text("lifecycle_stage_zh", "The stage's Chinese label (线索期, 首购期, 成长期, 成熟期, 沉睡期, 流失期, 召回).", p.Count, r => r.Stage?.ChineseLabel(), i => p.Stages?[i].ChineseLabel()));
        }

        if (options.ChurnWarningDays is not null)
        {
            columns.Add(ScorecardColumn.Text("churn_warning", "Why the customer is flagged: active at the start of the warning window, dormant or churned now; empty when not flagged.", p.Count, r => r.ChurnWarning, i => p.Warnings?[i]));
        }

        if (options.HistoricalValue is not null)
        {
            columns.Add(ScorecardColumn.Number("historical_value", "What the customer has been worth so far: margin on purchases less refunds and costs.", p.Count, r => r.HistoricalValue, i => p.Historical?[i]));
        }

        if (options.Abc is not null)
        {
            columns.Add(ScorecardColumn.Text("abc_class", "A, B or C by cumulative share of the ABC basis value (80/15/5 by default).", p.Count, r => r.Abc is { } abc ? AbcNames[(int)abc] : null, i => AbcNames[(int)p.Abc![i]]));
        }

        if (options.Purchases is not null)
        {
            columns.Add(ScorecardColumn.Number("alive_probability", "P(alive): the probability that the customer is still active.", p.Count, r => r.AliveProbability, i => p.Alive?[i]));
            columns.Add(ScorecardColumn.Number("expected_purchases", "Expected repeat purchases over the horizon.", p.Count, r => r.ExpectedPurchases, i => p.Expected?[i]));
        }

        if (options.Spend is not null)
        {
            columns.Add(ScorecardColumn.Number("expected_spend_per_purchase", "Expected spend per purchase (Gamma-Gamma).", p.Count, r => r.ExpectedSpendPerPurchase, i => p.Spend?[i]));
        }

        if (options.Purchases is not null && options.Spend is not null)
        {
            columns.Add(ScorecardColumn.Number("clv", "Predictive CLV over the horizon: discounted expected margin.", p.Count, r => r.Clv, i => p.Clv?[i]));
            for (int y = 0; y < clvYears; y++)
            {
                int year = y;
                string name = "clv_year_" + (y + 1).ToString(CultureInfo.InvariantCulture);
                columns.Add(ScorecardColumn.Number(name, "CLV of year " + (y + 1).ToString(CultureInfo.InvariantCulture) + " of the horizon; the years sum to clv.", p.Count, r => r.ClvByYear?[year], i => p.ByYear?.Row(i)[year]));
            }

            columns.Add(ScorecardColumn.Number("value_at_risk", "CLV x (1 - P(alive)): the part of the value that may already be lost.", p.Count, r => r.ValueAtRisk, i => p.AtRisk?[i]));
        }

        if (options.Health is not null)
        {
            columns.Add(ScorecardColumn.Number("health_score", "The health score 0..100; empty when not scored.", p.Count, r => r.HealthScore, p.Health));
            columns.Add(ScorecardColumn.Text("health_band", "Red, Amber, Green or NotScored.", p.Count, r => r.HealthBand is { } band ? BandNames[(int)band] : null, i => BandNames[(int)p.HealthParts![i].Band]));
            columns.Add(ScorecardColumn.Text("health_reason", "The signal that contributes most to the score; empty when not scored or when none adds a point (score 0).", p.Count, r => r.HealthReason, i => p.HealthParts?[i].Reason));
            columns.Add(ScorecardColumn.Text("health_weakest", "The signal that costs the most points; empty when not scored or when none costs a point (score 100).", p.Count, r => r.HealthWeakest, i => p.HealthParts?[i].Weakest));
        }

        return [.. columns];
    }

    /// <summary>The enum names, indexed by value: one string each instead of one per cell.</summary>
    private static readonly string[] AbcNames = [.. Enum.GetValues<Valuation.AbcClass>().OrderBy(v => (int)v).Select(v => v.ToString())];

    private static readonly string[] BandNames = [.. Enum.GetValues<HealthBand>().OrderBy(v => (int)v).Select(v => v.ToString())];

    private static int? Part(ScorecardRow row, Func<Rfm.RfmScore, int> part) =>
        row.Rfm is { IsLead: false } score ? part(score) : null;
}
