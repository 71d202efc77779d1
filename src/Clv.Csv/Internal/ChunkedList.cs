namespace Clv.Csv.Internal;

/// <summary>An append-only list in fixed-size chunks: growing never copies, and <see cref="ToArray"/> copies once.</summary>
internal sealed class ChunkedList<T>
{
    private const int ChunkSize = 1 << 11;
    private readonly List<T[]> _full = [];
    private T[] _current = new T[ChunkSize];
    private int _count;

    public int Count => (_full.Count * ChunkSize) + _count;

    public void Add(in T item)
    {
        if (_count == ChunkSize)
        {
            _full.Add(_current);
            _current = new T[ChunkSize];
            _count = 0;
        }

        _current[_count++] = item;
    }

    public T[] ToArray()
    {
        var result = new T[Count];
        int at = 0;
        foreach (var chunk in _full)
        {
            chunk.CopyTo(result, at);
            at += chunk.Length;
        }

        Array.Copy(_current, 0, result, at, _count);
        return result;
    }
}
