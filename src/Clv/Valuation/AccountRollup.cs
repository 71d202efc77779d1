using Clv.Internal;

namespace Clv.Valuation;

/// <summary>
/// Rolls contacts up to accounts (B2B: a company with several buyers) through a contact-to-account mapping,
/// so that summaries, RFM, lifecycle and value can be computed per account.
/// </summary>
/// <remarks>
/// The account summary is exactly the summary of the account's combined transactions: each transaction's customer id
/// is replaced by its account id and the summaries are built by <see cref="CustomerSummaries.FromTransactions"/>.
/// Same-day purchases by two contacts of one account therefore merge into one purchase day, and an account's
/// first purchase is its earliest contact's. Every additive measure (spend, refunds, <see cref="HistoricalValue"/>
/// without per-customer costs) of an account equals the sum over its contacts' transactions.
/// </remarks>
public static class AccountRollup
{
    /// <summary>The transactions with each contact id replaced by its account id, in the original order.</summary>
    /// <param name="transactions">The contacts' transactions.</param>
    /// <param name="contactToAccount">Account id of each contact id.</param>
    /// <param name="unmapped">What to do with contacts missing from <paramref name="contactToAccount"/>. Default <see cref="UnmappedContactPolicy.Throw"/>.</param>
    /// <returns>The remapped transactions (fewer than the input when <see cref="UnmappedContactPolicy.Exclude"/> dropped some).</returns>
    /// <exception cref="ArgumentException">A contact is not mapped (with <see cref="UnmappedContactPolicy.Throw"/>, or with <see cref="UnmappedContactPolicy.OwnAccount"/> when its id is also a mapped account's id), or maps to a null or empty account id.</exception>
    public static Transaction[] RemapTransactions(
        ReadOnlySpan<Transaction> transactions,
        IReadOnlyDictionary<string, string> contactToAccount,
        UnmappedContactPolicy unmapped = UnmappedContactPolicy.Throw)
    {
        ArgumentNullException.ThrowIfNull(contactToAccount);
        if (unmapped is not (UnmappedContactPolicy.Throw or UnmappedContactPolicy.OwnAccount or UnmappedContactPolicy.Exclude))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(unmapped), unmapped, Guard.Format($"Policy {(int)unmapped} is not defined; use Throw, OwnAccount or Exclude."));
        }

        var result = new Transaction[transactions.Length];
        HashSet<string>? accounts = null;
        int n = 0;
        for (int i = 0; i < transactions.Length; i++)
        {
            var t = transactions[i];
            if (t.CustomerId is null)
            {
                ThrowHelper.Argument(nameof(transactions), Guard.Format($"transactions[{i}] has no customer id (a default Transaction)."));
            }

            if (contactToAccount.TryGetValue(t.CustomerId, out var account))
            {
                if (string.IsNullOrEmpty(account))
                {
                    ThrowHelper.Argument(nameof(contactToAccount), Guard.Format($"Contact '{t.CustomerId}' maps to an empty account id."));
                }

                result[n++] = new Transaction(account, t.Date, t.Amount);
            }
            else if (unmapped == UnmappedContactPolicy.OwnAccount)
            {
                // The contact's own account must not be one of the mapped accounts: that would merge it in silently.
                accounts ??= new HashSet<string>(contactToAccount.Values, StringComparer.Ordinal);
                if (accounts.Contains(t.CustomerId))
                {
                    ThrowHelper.Argument(nameof(contactToAccount), Guard.Format(
                        $"Contact '{t.CustomerId}' (transactions[{i}]) has no account in the mapping, and its id is already the id of a mapped account, so as an account of its own it would merge into that one. Map the contact explicitly."));
                }

                result[n++] = t;
            }
            else if (unmapped == UnmappedContactPolicy.Throw)
            {
                ThrowHelper.Argument(nameof(contactToAccount), Guard.Format($"Contact '{t.CustomerId}' (transactions[{i}]) has no account in the mapping."));
            }
        }

        Array.Resize(ref result, n);
        return result;
    }

    /// <summary>One summary per account, built from the account's combined transactions.</summary>
    /// <param name="transactions">The contacts' transactions.</param>
    /// <param name="contactToAccount">Account id of each contact id.</param>
    /// <param name="observationEnd">The last calibration day (inclusive).</param>
    /// <param name="timeUnit">The unit of recency, age and holdout length.</param>
    /// <param name="holdoutEnd">The last holdout day (inclusive); null to take every row after the observation end as holdout.</param>
    /// <param name="unmapped">What to do with contacts missing from <paramref name="contactToAccount"/>. Default <see cref="UnmappedContactPolicy.Throw"/>.</param>
    /// <returns>Summaries whose <see cref="CustomerSummary.CustomerId"/> is the account id.</returns>
    /// <exception cref="ArgumentException">A contact is not mapped (with <see cref="UnmappedContactPolicy.Throw"/>, or with <see cref="UnmappedContactPolicy.OwnAccount"/> when its id is also a mapped account's id), or maps to a null or empty account id.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeUnit"/> is undefined, or <paramref name="holdoutEnd"/> is before <paramref name="observationEnd"/>.</exception>
    public static CustomerSummaries Summaries(
        ReadOnlySpan<Transaction> transactions,
        IReadOnlyDictionary<string, string> contactToAccount,
        DateOnly observationEnd,
        TimeUnit timeUnit,
        DateOnly? holdoutEnd = null,
        UnmappedContactPolicy unmapped = UnmappedContactPolicy.Throw) =>
        CustomerSummaries.FromTransactions(RemapTransactions(transactions, contactToAccount, unmapped), observationEnd, timeUnit, holdoutEnd);
}
