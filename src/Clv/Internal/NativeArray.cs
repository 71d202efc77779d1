using System.Runtime.InteropServices;

namespace Clv.Internal;

/// <summary>
/// A working array of one call in native memory, uninitialised, freed by <see cref="Dispose"/> (use it with <c>using</c>).
/// </summary>
/// <remarks>
/// For the megabytes of keys and scratch a fit sorts once: as managed arrays they would become garbage that stays resident
/// until the next full collection, piling up with the later stages' garbage into the job's peak; freed here, their pages go
/// back at once: a megabyte or more is mapped from the operating system and unmapped (<see cref="MappedMemory"/>), since the C
/// allocator may keep freed blocks of that size resident.
/// </remarks>
/// <typeparam name="T">The elements.</typeparam>
internal unsafe ref struct NativeArray<T>
    where T : unmanaged
{
    private T* _items;
    private readonly bool _mapped;

    /// <summary>Allocates room for <paramref name="length"/> elements (not cleared).</summary>
    public NativeArray(int length)
    {
        Length = length;
        _items = (T*)MappedMemory.TryMap(Bytes);
        _mapped = _items != null;
        if (!_mapped)
        {
            _items = (T*)NativeMemory.Alloc((nuint)Math.Max(length, 1), (nuint)sizeof(T));
        }
    }

    public int Length { get; }

    /// <summary>The elements; not to be used after <see cref="Dispose"/>.</summary>
    public readonly Span<T> Span => new(_items, Length);

    /// <summary>Whether the memory was mapped from the operating system (else it came from the C allocator).</summary>
    public readonly bool IsMapped => _mapped;

    private readonly nuint Bytes => (nuint)Length * (nuint)sizeof(T);

    /// <summary>Frees the memory.</summary>
    public void Dispose()
    {
        if (_items == null)
        {
            return;
        }

        if (_mapped)
        {
            MappedMemory.Unmap(_items, Bytes);
        }
        else
        {
            NativeMemory.Free(_items);
        }

        _items = null;
    }
}
