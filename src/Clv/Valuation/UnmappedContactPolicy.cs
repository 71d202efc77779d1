namespace Clv.Valuation;

/// <summary>What <see cref="AccountRollup"/> does with a transaction whose contact is not in the contact-to-account mapping.</summary>
public enum UnmappedContactPolicy
{
    /// <summary>Throw an <see cref="ArgumentException"/> naming the contact (the default: a missing mapping is usually a data error).</summary>
    Throw = 0,

    /// <summary>
    /// Treat the contact as an account of its own, with the contact id as the account id. A contact whose id is also the id
    /// of a mapped account is refused (an <see cref="ArgumentException"/> naming it) rather than merged into that account.
    /// </summary>
    OwnAccount = 1,

    /// <summary>Leave the contact's transactions out.</summary>
    Exclude = 2,
}
