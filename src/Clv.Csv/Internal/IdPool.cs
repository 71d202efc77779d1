namespace Clv.Csv.Internal;

/// <summary>Stores each distinct customer id string once (ordinal), so that a log of millions of rows holds one string per customer.</summary>
internal sealed class IdPool
{
    private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
#if NET9_0_OR_GREATER
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public IdPool() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
#endif

    public int Count => _ids.Count;

    /// <summary>The shared string equal to <paramref name="id"/>, allocated only the first time the id is seen.</summary>
    public string Get(ReadOnlySpan<char> id)
    {
#if NET9_0_OR_GREATER
        if (_lookup.TryGetValue(id, out var shared))
        {
            return shared;
        }

        shared = id.ToString();
        _ids.Add(shared, shared);
        return shared;
#else
        var text = id.ToString();
        if (_ids.TryGetValue(text, out var shared))
        {
            return shared;
        }

        _ids.Add(text, text);
        return text;
#endif
    }
}
