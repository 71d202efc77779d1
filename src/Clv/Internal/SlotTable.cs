using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Clv.Internal;

/// <summary>Tells a <see cref="SlotTable"/> whether the key stored under an index is the key being looked up.</summary>
/// <remarks>
/// Implemented by structs that carry the key looked up and a view of the caller's key storage; the table's methods
/// are generic over the matcher, so the JIT compiles one copy per matcher and inlines the comparison.
/// </remarks>
internal interface ISlotKeyMatcher
{
    /// <summary>Whether the key stored under <paramref name="index"/> equals the key looked up. Called only when the hashes agree.</summary>
    /// <param name="index">A dense index the table handed out earlier.</param>
    bool Matches(int index);
}

/// <summary>
/// The library's one open-addressing hash table: it maps keys to dense indices 0, 1, 2, ... in order of first
/// appearance, and the caller keeps the keys (and anything else per key) in arrays under those indices.
/// </summary>
/// <remarks>
/// <para>Linear probing, at most half full. A slot is one <see cref="ulong"/>: the key's 32-bit hash in the high half
/// and index + 1 in the low half (0 is an empty slot). The table holds no references, so the collector never scans
/// it, and a lookup reads a stored key (a cache miss for large tables) only when the hashes agree.</para>
/// <para>A probe starts at the hash's low bits, so hashes must be well mixed there (string hashes are; for
/// numeric keys mix all their bits first, as a 64-bit finalizer does). Used by the summaries builder (customer
/// ids, as strings or as text), by the grouping's partition tables (cleared and reused per partition), and fit for
/// keys such as (x, t_x, T) compared by bits.</para>
/// </remarks>
internal sealed class SlotTable
{
    private ulong[] _slots;
    private int _mask;

    /// <summary>Creates a table sized for <paramref name="capacity"/> keys; it grows when more are added.</summary>
    public SlotTable(int capacity)
    {
        _slots = NewSlots(SlotsFor(capacity));
        _mask = _slots.Length - 1;
    }

    /// <summary>Number of keys added (the next index handed out).</summary>
    public int Count { get; private set; }

    /// <summary>Number of slots in use (a power of two, at least twice <see cref="Count"/>).</summary>
    public int SlotCount => _mask + 1;

    /// <summary>Bytes held by the slots.</summary>
    public long Bytes => (long)_slots.Length * sizeof(ulong);

    /// <summary>
    /// Empties the table for a new set of up to <paramref name="capacity"/> keys, reusing its slots when they are
    /// enough (only the slots that will be used are cleared, so a small set after a large one costs little).
    /// </summary>
    public void Clear(int capacity)
    {
        int size = SlotsFor(capacity);
        if (size > _slots.Length)
        {
            _slots = NewSlots(size);
        }
        else
        {
            _slots.AsSpan(0, size).Clear();
        }

        _mask = size - 1;
        Count = 0;
    }

    /// <summary>Drops the slots (the table is empty and keeps 16 slots), giving their memory back.</summary>
    public void Release()
    {
        _slots = new ulong[16];
        _mask = 15;
        Count = 0;
    }

    /// <summary>Requests the slot where a lookup of <paramref name="hash"/> starts from memory (a hint; nothing without SSE).</summary>
    public unsafe void Prefetch(int hash)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref _slots[hash & _mask]));
        }
    }

    /// <summary>
    /// The index in the slot where a lookup of <paramref name="hash"/> starts, when that slot holds this hash, else -1: a guess
    /// for prefetching (the key is not compared, and a key further along the probe is not found).
    /// </summary>
    public int Peek(int hash)
    {
        ulong slot = _slots[hash & _mask];
        return slot != 0 && (int)(slot >> 32) == hash ? (int)(uint)slot - 1 : -1;
    }

    /// <summary>The index of the key with this hash that <paramref name="matcher"/> accepts, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Find<TMatcher>(int hash, ref TMatcher matcher)
        where TMatcher : struct, ISlotKeyMatcher
    {
        var slots = _slots;
        int mask = _mask;
        int position = hash & mask;
        while (true)
        {
            ulong slot = slots[position];
            if (slot == 0)
            {
                return -1;
            }

            if ((int)(slot >> 32) == hash && matcher.Matches((int)(uint)slot - 1))
            {
                return (int)(uint)slot - 1;
            }

            position = (position + 1) & mask;
        }
    }

    /// <summary>
    /// The index of the key with this hash that <paramref name="matcher"/> accepts; when there is none, the key is
    /// added under the next index (<see cref="Count"/> before the call), which the caller then fills in its storage.
    /// </summary>
    /// <param name="hash">The key's hash (equal keys must have equal hashes).</param>
    /// <param name="matcher">Compares stored keys with the key looked up.</param>
    /// <param name="added">Whether the key was new.</param>
    /// <returns>The key's index.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int FindOrAdd<TMatcher>(int hash, ref TMatcher matcher, out bool added)
        where TMatcher : struct, ISlotKeyMatcher
    {
        var slots = _slots;
        int mask = _mask;
        int position = hash & mask;
        while (true)
        {
            ulong slot = slots[position];
            if (slot == 0)
            {
                added = true;
                return Add(position, hash);
            }

            if ((int)(slot >> 32) == hash && matcher.Matches((int)(uint)slot - 1))
            {
                added = false;
                return (int)(uint)slot - 1;
            }

            position = (position + 1) & mask;
        }
    }

    /// <summary>
    /// Empty slots whose memory is written before anything reads it. A large new array is fresh memory from the operating
    /// system, which maps every page to one shared page of zeros until the page is first written; a lookup reads a slot
    /// before it writes one, so each page would fault twice, and the second fault (replacing the shared page) interrupts
    /// every other core running the process to flush its address translations. Clearing the array first makes each page's
    /// only fault a plain first write: measured in the 1M-customer pipeline, the id table's faults cost the builder's
    /// thread about 100 ms of its 510 ms read (2026-12-03, perf).
    /// </summary>
    private static ulong[] NewSlots(int size)
    {
        var slots = GC.AllocateUninitializedArray<ulong>(size);
        HugePages.Advise(slots);
        slots.AsSpan().Clear();
        return slots;
    }

    private static int SlotsFor(int capacity) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, 2 * Math.Max(capacity, 1)));

    // Called once per new key, often a million times in one pass that ends before tiering would compile it optimised.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Add(int position, int hash)
    {
        int index = Count;
        Debug.Assert(index < int.MaxValue - 1, "Indices fit the slot's low half.");
        _slots[position] = ((ulong)(uint)hash << 32) | (uint)(index + 1);
        Count = index + 1;
        if (2L * Count > _mask + 1)
        {
            Grow();
        }

        return index;
    }

    /// <summary>
    /// Makes room for at least <paramref name="capacity"/> keys without growing (a caller that knows how many keys are coming
    /// spares the copies and the garbage of growing by doubling); keys already added keep their indices.
    /// </summary>
    public void EnsureCapacity(int capacity)
    {
        int size = SlotsFor(capacity);
        if (size > _mask + 1)
        {
            Rehash(size);
        }
    }

    /// <summary>Doubles the slots.</summary>
    private void Grow() => Rehash((_mask + 1) * 2);

    /// <summary>Moves every entry into <paramref name="size"/> new slots by its stored hash, so no key is read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Rehash(int size)
    {
        var slots = NewSlots(size);
        int mask = slots.Length - 1;
        foreach (ulong slot in _slots.AsSpan(0, _mask + 1))
        {
            if (slot != 0)
            {
                int position = (int)(slot >> 32) & mask;
                while (slots[position] != 0)
                {
                    position = (position + 1) & mask;
                }

                slots[position] = slot;
            }
        }

        _slots = slots;
        _mask = mask;
    }
}
