namespace Clv.Valuation;

/// <summary>One acquired customer as channel economics sees it.</summary>
/// <param name="Channel">The acquisition channel (compared ordinally).</param>
/// <param name="AcquisitionCost">What acquiring the customer cost, at least 0.</param>
/// <param name="Value">The customer's value (historical, or a CLV), in currency.</param>
/// <param name="MarginPerPeriod">Margin the customer brings per period, for the payback time.</param>
public readonly record struct ChannelCustomer(string Channel, double AcquisitionCost, double Value, double MarginPerPeriod);
