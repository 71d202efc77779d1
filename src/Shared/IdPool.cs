// Shared source: compiled into Clv.Csv and Clv.Parquet (each gets its own internal copy; packages share no internals).
namespace Clv.Shared;

/// <summary>
/// Stores each distinct customer id string once (ordinal), so that a log of millions of rows holds one string per
/// customer. A hash set rather than a dictionary: same lookup, 16 instead of 24 bytes per entry.
/// </summary>
internal sealed class IdPool
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
#if NET9_0_OR_GREATER
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
#endif
    private string _last = string.Empty;

#if NET9_0_OR_GREATER
    public IdPool() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
#endif

    public int Count => _ids.Count;

    /// <summary>The shared string equal to <paramref name="id"/>, allocated only the first time the id is seen.</summary>
    /// <remarks>Logs are often grouped by customer, so the previous id is checked first (one comparison instead of a hash lookup).</remarks>
    public string Get(ReadOnlySpan<char> id)
    {
        if (id.SequenceEqual(_last))
        {
            return _last;
        }

        _last = Lookup(id);
        return _last;
    }

    private string Lookup(ReadOnlySpan<char> id)
    {
#if NET9_0_OR_GREATER
        // No string is allocated for an id seen before.
        if (_lookup.TryGetValue(id, out var shared))
        {
            return shared;
        }

        shared = id.ToString();
        _ids.Add(shared);
        return shared;
#else
        var text = id.ToString();
        if (_ids.TryGetValue(text, out var shared))
        {
            return shared;
        }

        _ids.Add(text);
        return text;
#endif
    }
}
