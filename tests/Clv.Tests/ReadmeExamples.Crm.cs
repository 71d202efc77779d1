using System.Globalization;
using Clv.Crm;
using Clv.Csv;
using Clv.Lifecycle;
using Clv.Probabilistic;

namespace Clv.Tests;

/// <content>The README's CRM section: the customer health score and the KPI report.</content>
internal static partial class ReadmeExamples
{
    public static (CustomerHealth[] Health, HealthReport ByBand, HealthSignals Signals) Health(CustomerSummaries customers, BgNbdModel model, string healthCsv)
    {
        // <readme:health>
        // Customer health: recency, frequency and spend trends, P(alive) and your own signals, each normalised to [0, 1],
        // weighted (weights renormalised over the signals supplied), scored 0-100 and banded Red (< 40), Amber, Green (>= 70).
        var healthOptions = new HealthScoreOptions
        {
            RecencyHalfLifeDays = 90,   // recency = 0.5^(days since the last purchase / 90)
            TrendWindowDays = 90,       // trends: the last 90 days against the 90 days before
            CustomSignals = [new CustomHealthSignal("tickets", weight: 0.2) { HigherIsBetter = false }],   // percentile rank
        };
        double[] tickets = [.. customers.Select(c => SupportTickets(c.CustomerId))];   // from your CRM; NaN where unknown
        HealthSignals signals = HealthSignals.Create(customers, model.ProbabilityAlive(customers),
            new Dictionary<string, double[]> { ["tickets"] = tickets }, healthOptions);
        CustomerHealth[] health = HealthScore.Score(signals);   // Score, Band, Reason (top signal), Weakest, per customer
        HealthReport byBand = HealthReport.Create(signals);      // CDNOW: Red 499, Amber 1,625, Green 233 customers
        HealthReportCsv.Write(healthCsv, byBand);             // customer_id,score,band,reason,weakest: back into the CRM
        // </readme:health>
        return (health, byBand, signals);
    }

    public static (KpiReport Kpis, KpiRow April) Kpis(TransactionLog log, string kpisCsv)
    {
        // <readme:kpi>
        // CRM KPIs per calendar month, from the log itself (refunds dated; the history before the start makes customers known).
        KpiReport kpis = KpiReport.Create(log.Transactions, new DateOnly(1997, 1, 1), new DateOnly(1998, 6, 30),
            new KpiOptions { Period = CohortPeriod.Month, ActiveWindowDays = 90 });
        KpiRow april = kpis.Rows[3];   // 1997-04: 267 paying of a base of 2,357; ARPU 5.45, ARPPU 48.10, AOV 36.59; churn 0.238
        KpiReportCsv.Write(kpisCsv, kpis);
        // </readme:kpi>
        return (kpis, april);
    }

    public static (Scorecard Scorecard, ScorecardRow First) ScorecardExample(CustomerSummaries customers, BgNbdModel model, GammaGammaModel spend, string scorecardCsv)
    {
        // <readme:scorecard>
        // One row per customer with every score for a CRM field. A part set to null is left out (no column), never zeros.
        var scorecardOptions = new ScorecardOptions
        {
            Purchases = model,     // P(alive), expected purchases; with Spend also CLV, CLV by year and value at risk
            Spend = spend,         // expected spend per purchase (Gamma-Gamma)
            Horizon = new PredictiveClvOptions { Periods = 36, Period = TimeUnit.Month },   // 3 years: clv_year_1..3
            AbcBasis = AbcBasis.Clv,                  // ABC by CLV (default: by historical value)
            ChurnWarningDays = 90,                    // active 90 days ago, dormant or churned now: the reason
        };
        Scorecard scorecard = Scorecard.Create(customers, scorecardOptions);   // CDNOW: 2,357 rows, 27 columns
        ScorecardRow first = scorecard.Rows[0];   // customer 1: R5 F4 M4, Champions (冠军客户), Reactivated (召回), ABC A
        ScorecardCsv.Write(scorecardCsv, scorecard);   // header: the data dictionary below; written whole or not at all
        // </readme:scorecard>
        return (scorecard, first);
    }

    /// <summary>Stands in for a CRM lookup: 0 to 4 tickets by id, unknown for every seventh customer.</summary>
    private static double SupportTickets(string customerId)
    {
        int id = int.Parse(customerId, CultureInfo.InvariantCulture);
        return id % 7 == 0 ? double.NaN : id % 5;
    }
}
