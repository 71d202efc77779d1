using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Clv.Internal;

/// <summary>
/// Customer ids by number (in order of first appearance), kept as compactly as their text allows: ids that arrive as text
/// (a CSV field, a database cursor) and are all ASCII are packed end to end as bytes, one array for every id, with no object
/// per id; ids that arrive as strings (transactions in memory), or any id with a character beyond ASCII, are kept as the
/// strings.
/// </summary>
/// <remarks>
/// <para>Packed, a million ids of 8 characters take 8 MB of text and 4 MB of ends, against about 40 MB of strings (a string
/// object per id) and 8 MB of references. A packed id becomes a string only when asked for one (<see cref="this[int]"/>
/// allocates it); lookups compare text with <see cref="Matches(int, ReadOnlySpan{char})"/> without a string.</para>
/// <para>Not thread-safe while ids are added; read-only (and safe to share) once built.</para>
/// </remarks>
internal sealed class CustomerIds
{
    private byte[] _text;
    private int[] _ends;
    private string[]? _strings;

    /// <summary>An empty set, packed until a string or a non-ASCII id arrives.</summary>
    /// <param name="capacity">Ids expected (the arrays grow by doubling beyond it).</param>
    public CustomerIds(int capacity)
    {
        capacity = Math.Max(capacity, 4);
        _text = new byte[capacity * 8];
        _ends = new int[capacity];
    }

    private CustomerIds(int capacity, int textBytes)
    {
        _text = new byte[textBytes];
        _ends = new int[capacity];
    }

    private CustomerIds(string[] strings, int count)
    {
        _text = [];
        _ends = [];
        _strings = strings;
        Count = count;
    }

    /// <summary>Number of ids.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the ids are kept as strings (else packed as ASCII bytes).</summary>
    public bool IsStrings => _strings is not null;

    /// <summary>Id <paramref name="index"/> as a string: the stored string, or a new string of the packed text.</summary>
    public string this[int index] => _strings is { } strings ? strings[index] : Encoding.ASCII.GetString(Text(index));

    /// <summary>Ids kept as the given strings (the array is used, not copied; entries past <paramref name="count"/> are ignored).</summary>
    public static CustomerIds FromStrings(string[] strings, int count) => new(strings, count);

    /// <summary>What a summary stores for id <paramref name="index"/>: the string itself when kept as strings, else this set.</summary>
    public object Owner(int index) => _strings is { } strings ? strings[index] : this;

    /// <summary>Whether id <paramref name="index"/> is the text <paramref name="id"/> (ordinal).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Matches(int index, ReadOnlySpan<char> id) =>
        _strings is { } strings ? id.SequenceEqual(strings[index]) : Ascii.Equals(Text(index), id);

    /// <summary>Whether id <paramref name="index"/> is the string <paramref name="id"/> (the same instance first, then ordinal text).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Matches(int index, string id)
    {
        if (_strings is { } strings)
        {
            string known = strings[index];
            return ReferenceEquals(known, id) || string.Equals(known, id, StringComparison.Ordinal);
        }

        return Ascii.Equals(Text(index), id);
    }

    /// <summary>Adds an id given as a string; packed sets keep its text when it is ASCII.</summary>
    public void Add(string id)
    {
        if (_strings is null && Count == 0)
        {
            // The first id decides: ids that arrive as strings are kept as strings (they exist already).
            _strings = new string[_ends.Length];
            _text = [];
        }

        if (_strings is not null)
        {
            AddString(id);
        }
        else
        {
            Add(id.AsSpan());
        }
    }

    /// <summary>Adds an id given as text: packed when ASCII (and the set still packed), else as a new string.</summary>
    public void Add(ReadOnlySpan<char> id)
    {
        if (_strings is null && !Ascii.IsValid(id))
        {
            ToStrings();
        }

        if (_strings is not null)
        {
            AddString(id.ToString());
            return;
        }

        int start = Count == 0 ? 0 : _ends[Count - 1];
        if (Count == _ends.Length)
        {
            HugePages.Grow(ref _ends, Count * 2, clear: false);
        }

        if (start + id.Length > _text.Length)
        {
            long size = Math.Max(2L * _text.Length, (long)start + id.Length);
            if (size > Array.MaxLength)
            {
                if ((long)start + id.Length > Array.MaxLength)
                {
                    // More text than one array holds: keep strings from here on.
                    ToStrings();
                    AddString(id.ToString());
                    return;
                }

                size = Array.MaxLength;
            }

            HugePages.Grow(ref _text, (int)size, clear: false);
        }

        int written = Encoding.ASCII.GetBytes(id, _text.AsSpan(start));
        _ends[Count++] = start + written;
    }

    /// <summary>
    /// Makes room for at least <paramref name="capacity"/> ids without growing: their ends, and text for as many ids as long as
    /// the ids so far on average (8 characters before the first), or their strings.
    /// </summary>
    public void EnsureCapacity(int capacity)
    {
        if (_strings is { } strings)
        {
            if (capacity > strings.Length)
            {
                Array.Resize(ref _strings, capacity);
            }

            return;
        }

        if (capacity > _ends.Length)
        {
            HugePages.Grow(ref _ends, capacity, clear: false);
        }

        int used = Count == 0 ? 0 : _ends[Count - 1];
        long perId = Count == 0 ? 8 : ((long)used + Count - 1) / Count;
        long text = Math.Min(Array.MaxLength, Math.Max(used, perId * capacity));
        if (text > _text.Length)
        {
            HugePages.Grow(ref _text, (int)text, clear: false);
        }
    }

    /// <summary>
    /// The ids of <paramref name="a"/> followed by those of <paramref name="b"/> not in <paramref name="a"/> (ordinal text), and
    /// where each of <paramref name="b"/>'s ids went. Packed when both are and their text fits one array (no string is made),
    /// else strings.
    /// </summary>
    public static CustomerIds Union(CustomerIds a, CustomerIds b, out int[] bToUnion)
    {
        bToUnion = new int[b.Count];
        if (a.IsStrings || b.IsStrings || (long)a.TextLength + b.TextLength > Array.MaxLength)
        {
            var lookup = new Dictionary<string, int>(a.Count + b.Count, StringComparer.Ordinal);
            var strings = new List<string>(a.Count + b.Count);
            for (int c = 0; c < a.Count; c++)
            {
                lookup.Add(a[c], c);
                strings.Add(a[c]);
            }

            for (int c = 0; c < b.Count; c++)
            {
                string id = b[c];
                if (!lookup.TryGetValue(id, out int m))
                {
                    m = strings.Count;
                    lookup.Add(id, m);
                    strings.Add(id);
                }

                bToUnion[c] = m;
            }

            return FromStrings([.. strings], strings.Count);
        }

        var union = new CustomerIds(a.Count + b.Count, a.TextLength + b.TextLength);
        var table = new SlotTable(a.Count + b.Count);
        for (int c = 0; c < a.Count; c++)
        {
            _ = union.AddPacked(table, a.Text(c));
        }

        for (int c = 0; c < b.Count; c++)
        {
            bToUnion[c] = union.AddPacked(table, b.Text(c));
        }

        union.Trim();
        return union;
    }

    /// <summary>Drops the spare capacity left by growing (once every id is in).</summary>
    public void Trim()
    {
        if (_strings is not null)
        {
            return;
        }

        int used = Count == 0 ? 0 : _ends[Count - 1];
        if (_text.Length - used > (used >> 3) + 4096)
        {
            Array.Resize(ref _text, used);
        }

        if (_ends.Length - Count > (Count >> 3) + 1024)
        {
            Array.Resize(ref _ends, Count);
        }
    }

    /// <summary>A reference to id <paramref name="index"/>'s first byte or character, for a prefetch hint (never dereferenced past the id).</summary>
    public ref byte Start(int index)
    {
        if (_strings is { } strings)
        {
            return ref Unsafe.As<char, byte>(ref MemoryMarshal.GetReference(strings[index].AsSpan()));
        }

        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_text), index == 0 ? 0 : _ends[index - 1]);
    }

    /// <summary>The packed ASCII text of id <paramref name="index"/> (packed sets only).</summary>
    public ReadOnlySpan<byte> TextOf(int index) => Text(index);

    /// <summary>Bytes of packed text in use.</summary>
    private int TextLength => Count == 0 ? 0 : _ends[Count - 1];

    /// <summary>The index of packed id <paramref name="text"/> in this set (looked up in <paramref name="table"/>), added when new; the set's arrays have room.</summary>
    private unsafe int AddPacked(SlotTable table, ReadOnlySpan<byte> text)
    {
        var hash = default(HashCode);
        hash.AddBytes(text);
        int index;
        bool added;
        fixed (byte* pinned = text)
        {
            var matcher = new PackedMatcher(this, pinned, text.Length);
            index = table.FindOrAdd(hash.ToHashCode(), ref matcher, out added);
        }

        if (added)
        {
            int start = TextLength;
            text.CopyTo(_text.AsSpan(start));
            _ends[Count++] = start + text.Length;
        }

        return index;
    }

    private ReadOnlySpan<byte> Text(int index)
    {
        int start = index == 0 ? 0 : _ends[index - 1];
        return _text.AsSpan(start, _ends[index] - start);
    }

    private void AddString(string id)
    {
        if (Count == _strings!.Length)
        {
            Array.Resize(ref _strings, Math.Max(Count * 2, 4));
        }

        _strings[Count++] = id;
    }

    /// <summary>Turns a packed set into strings (a non-ASCII id arrived): every id so far becomes its string.</summary>
    private void ToStrings()
    {
        var strings = new string[Math.Max(_ends.Length, 4)];
        for (int i = 0; i < Count; i++)
        {
            strings[i] = Encoding.ASCII.GetString(Text(i));
        }

        _strings = strings;
        _text = [];
        _ends = [];
    }

    /// <summary>Matches a packed id against text pinned by the caller for the duration of the lookup.</summary>
    private readonly unsafe struct PackedMatcher(CustomerIds ids, byte* text, int length) : ISlotKeyMatcher
    {
        public bool Matches(int index) => ids.Text(index).SequenceEqual(new ReadOnlySpan<byte>(text, length));
    }
}
