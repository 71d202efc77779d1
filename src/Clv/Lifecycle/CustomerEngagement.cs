namespace Clv.Lifecycle;

/// <summary>
/// Optional engagement of one customer besides purchases, aligned with the <see cref="CustomerSummaries"/> it goes with.
/// The default value means "nothing known": no interaction and no open opportunity.
/// </summary>
/// <param name="LastInteraction">
/// The latest interaction that is not a purchase (visit, login, service contact); null when none is known.
/// When classifying as of a date, an interaction after that date is ignored. With day-based and gap-based
/// policies an interaction restarts the quiet clock, like a purchase; probability-based policies ignore it.
/// </param>
/// <param name="HasOpenOpportunity">
/// Whether the customer has an open sales opportunity at the classification date. A buyer with an open
/// opportunity is never classified <see cref="LifecycleStage.Dormant"/> or <see cref="LifecycleStage.Churned"/>.
/// </param>
public readonly record struct CustomerEngagement(DateOnly? LastInteraction, bool HasOpenOpportunity);
