namespace Clv.Valuation;

/// <summary>A customer's ABC class: the few customers who bring most of the value (A), the next tier (B), and the rest (C).</summary>
public enum AbcClass
{
    /// <summary>The highest-value customers, who together bring <see cref="AbcOptions.AShare"/> of the value (80% by default).</summary>
    A = 0,

    /// <summary>The next customers, who bring the next <see cref="AbcOptions.BShare"/> of the value (15% by default).</summary>
    B = 1,

    /// <summary>Everyone else, including customers with no positive value.</summary>
    C = 2,
}
