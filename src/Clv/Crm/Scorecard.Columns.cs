using System.Globalization;
using Clv.Lifecycle;

namespace Clv.Crm;

/// <summary>The columns: names, types and meanings, in one place for every writer.</summary>
public sealed partial class Scorecard
{
    private static ScorecardColumn[] ColumnsFor(ScorecardOptions options, int clvYears)
    {
        var columns = new List<ScorecardColumn>
        {
            ScorecardColumn.Text("customer_id", "The customer's identifier.", r => r.CustomerId),
            ScorecardColumn.Integer("days_since_last_purchase", "Days quiet: days from the last purchase day to the observation end; empty for a lead.", r => r.DaysSinceLastPurchase),
        };

        if (options.Rfm is not null)
        {
            columns.Add(ScorecardColumn.Integer("r_score", "Recency score 1..k (higher = more recent); empty for a lead.", r => Part(r, s => s.R)));
            columns.Add(ScorecardColumn.Integer("f_score", "Frequency score 1..k (higher = more purchases); empty for a lead.", r => Part(r, s => s.F)));
            columns.Add(ScorecardColumn.Integer("m_score", "Monetary score 1..k (higher = more spend); empty for a lead.", r => Part(r, s => s.M)));
            columns.Add(ScorecardColumn.Integer("rfm_code", "100 R + 10 F + M, e.g. 543; empty for a lead.", r => Part(r, s => s.Code)));
        }

        if (options.Segments is not null)
        {
            columns.Add(ScorecardColumn.Text("rfm_segment", "The RFM segment's English name (Champions, At Risk, Lead ...).", r => r.Segment?.Name));
            columns.Add(ScorecardColumn.Text("rfm_segment_zh", "The RFM segment's Chinese label (冠军客户 ...).", r => r.Segment?.ChineseName));
        }

        if (options.ValueTiers is not null)
        {
            columns.Add(ScorecardColumn.Text("value_tier", "The value tier's English name (High Value, Growth, Price-Sensitive, Low Value, Lead).", r => r.ValueTier?.Name));
            columns.Add(ScorecardColumn.Text("value_tier_zh", "The value tier's Chinese label (高价值客户 ...).", r => r.ValueTier?.ChineseName));
        }

        if (options.Lifecycle is not null)
        {
            columns.Add(ScorecardColumn.Text("lifecycle_stage", "The lifecycle stage at the observation end (Lead, New, Growing, Mature, Dormant, Churned, Reactivated).", r => r.Stage?.EnglishLabel()));
            columns.Add(ScorecardColumn.Text("lifecycle_stage_zh", "The stage's Chinese label (线索期, 首购期, 成长期, 成熟期, 沉睡期, 流失期, 召回).", r => r.Stage?.ChineseLabel()));
        }

        if (options.ChurnWarningDays is not null)
        {
            columns.Add(ScorecardColumn.Text("churn_warning", "Why the customer is flagged: active at the start of the warning window, dormant or churned now; empty when not flagged.", r => r.ChurnWarning));
        }

        if (options.HistoricalValue is not null)
        {
            columns.Add(ScorecardColumn.Number("historical_value", "What the customer has been worth so far: margin on purchases less refunds and costs.", r => r.HistoricalValue));
        }

        if (options.Abc is not null)
        {
            columns.Add(ScorecardColumn.Text("abc_class", "A, B or C by cumulative share of the ABC basis value (80/15/5 by default).", r => r.Abc is { } abc ? AbcNames[(int)abc] : null));
        }

        if (options.Purchases is not null)
        {
            columns.Add(ScorecardColumn.Number("alive_probability", "P(alive): the probability that the customer is still active.", r => r.AliveProbability));
            columns.Add(ScorecardColumn.Number("expected_purchases", "Expected repeat purchases over the horizon.", r => r.ExpectedPurchases));
        }

        if (options.Spend is not null)
        {
            columns.Add(ScorecardColumn.Number("expected_spend_per_purchase", "Expected spend per purchase (Gamma-Gamma).", r => r.ExpectedSpendPerPurchase));
        }

        if (options.Purchases is not null && options.Spend is not null)
        {
            columns.Add(ScorecardColumn.Number("clv", "Predictive CLV over the horizon: discounted expected margin.", r => r.Clv));
            for (int y = 0; y < clvYears; y++)
            {
                int year = y;
                string name = "clv_year_" + (y + 1).ToString(CultureInfo.InvariantCulture);
                columns.Add(ScorecardColumn.Number(name, "CLV of year " + (y + 1).ToString(CultureInfo.InvariantCulture) + " of the horizon; the years sum to clv.", r => r.ClvByYear?[year]));
            }

            columns.Add(ScorecardColumn.Number("value_at_risk", "CLV x (1 - P(alive)): the part of the value that may already be lost.", r => r.ValueAtRisk));
        }

        if (options.Health is not null)
        {
            columns.Add(ScorecardColumn.Number("health_score", "The health score 0..100; empty when not scored.", r => r.HealthScore));
            columns.Add(ScorecardColumn.Text("health_band", "Red, Amber, Green or NotScored.", r => r.HealthBand is { } band ? BandNames[(int)band] : null));
            columns.Add(ScorecardColumn.Text("health_reason", "The signal that contributes most to the score; empty when not scored.", r => r.HealthReason));
            columns.Add(ScorecardColumn.Text("health_weakest", "The signal that costs the most points; empty when not scored.", r => r.HealthWeakest));
        }

        return [.. columns];
    }

    /// <summary>The enum names, indexed by value: one string each instead of one per cell.</summary>
    private static readonly string[] AbcNames = [.. Enum.GetValues<Valuation.AbcClass>().OrderBy(v => (int)v).Select(v => v.ToString())];

    private static readonly string[] BandNames = [.. Enum.GetValues<HealthBand>().OrderBy(v => (int)v).Select(v => v.ToString())];

    private static int? Part(ScorecardRow row, Func<Rfm.RfmScore, int> part) =>
        row.Rfm is { IsLead: false } score ? part(score) : null;
}
