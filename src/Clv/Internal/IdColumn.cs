namespace Clv.Internal;

/// <summary>
/// The customer ids of a run of summaries, kept for reading later without a string per customer where the summaries share
/// packed ids: then the shared <see cref="CustomerIds"/> and each customer's entry in it; otherwise the strings.
/// </summary>
internal sealed class IdColumn
{
    private readonly string[]? _strings;
    private readonly CustomerIds? _packed;
    private readonly int[]? _entries;

    private IdColumn(string[]? strings, CustomerIds? packed, int[]? entries, int count)
    {
        _strings = strings;
        _packed = packed;
        _entries = entries;
        Count = count;
    }

    /// <summary>Number of ids.</summary>
    public int Count { get; }

    /// <summary>Whether the ids are read from shared packed text (else from strings).</summary>
    public bool IsPacked => _packed is not null;

    /// <summary>The id of customer <paramref name="index"/> (a new string when packed).</summary>
    public string this[int index] => _packed is { } packed ? packed[_entries![index]] : _strings![index];

    /// <summary>The ids of <paramref name="customers"/>, in order.</summary>
    public static IdColumn From(ReadOnlySpan<CustomerSummary> customers)
    {
        var packed = customers.IsEmpty ? null : customers[0].PackedIds;
        if (packed is not null)
        {
            var entries = new int[customers.Length];
            for (int i = 0; i < customers.Length; i++)
            {
                ref readonly var c = ref customers[i];
                if (!ReferenceEquals(c.PackedIds, packed))
                {
                    packed = null;
                    break;
                }

                entries[i] = c.PackedIdIndex;
            }

            if (packed is not null)
            {
                return new IdColumn(null, packed, entries, customers.Length);
            }
        }

        var strings = new string[customers.Length];
        for (int i = 0; i < customers.Length; i++)
        {
            strings[i] = customers[i].CustomerId;
        }

        return new IdColumn(strings, null, null, customers.Length);
    }
}
