using System.Collections;

namespace Clv.Csv.Internal;

/// <summary>
/// An append-only list in fixed-size chunks: growing never copies. It is an <see cref="ICollection{T}"/> so that a
/// consumer that copies it (<c>Enumerable.ToArray</c>) does so in one <see cref="CopyTo"/> into an exact-size array.
/// </summary>
internal sealed class ChunkedList<T> : ICollection<T>
{
    private const int ChunkSize = 1 << 11;
    private readonly List<T[]> _full = [];
    private T[] _current = new T[ChunkSize];
    private int _count;

    public int Count => (_full.Count * ChunkSize) + _count;

    public bool IsReadOnly => false;

    public void Add(T item)
    {
        if (_count == ChunkSize)
        {
            _full.Add(_current);
            _current = new T[ChunkSize];
            _count = 0;
        }

        _current[_count++] = item;
    }

    public void CopyTo(T[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        foreach (var chunk in _full)
        {
            chunk.CopyTo(array, arrayIndex);
            arrayIndex += chunk.Length;
        }

        Array.Copy(_current, 0, array, arrayIndex, _count);
    }

    public IEnumerator<T> GetEnumerator()
    {
        foreach (var chunk in _full)
        {
            foreach (var item in chunk)
            {
                yield return item;
            }
        }

        for (int i = 0; i < _count; i++)
        {
            yield return _current[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ICollection<T>.Clear() => throw new NotSupportedException();

    bool ICollection<T>.Contains(T item) => throw new NotSupportedException();

    bool ICollection<T>.Remove(T item) => throw new NotSupportedException();
}
