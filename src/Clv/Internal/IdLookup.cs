using System.Text;

namespace Clv.Internal;

/// <summary>
/// Finds a summary's position by customer id without a string per customer: a <see cref="SlotTable"/> over the summaries
/// themselves, whose ids (strings or packed text) are compared with the text looked up.
/// </summary>
/// <remarks>Built once, then read-only: lookups from several threads are safe.</remarks>
internal sealed unsafe class IdLookup
{
    private readonly SlotTable _table;
    private readonly CustomerSummary[] _summaries;

    private IdLookup(SlotTable table, CustomerSummary[] summaries)
    {
        _table = table;
        _summaries = summaries;
    }

    /// <summary>The lookup of <paramref name="summaries"/>, or null when an id repeats (the table numbers ids as they are added).</summary>
    public static IdLookup? Create(CustomerSummary[] summaries)
    {
        var table = new SlotTable(summaries.Length);
        char[] buffer = new char[64];
        for (int i = 0; i < summaries.Length; i++)
        {
            ReadOnlySpan<char> id = Chars(in summaries[i], ref buffer);
            fixed (char* text = id)
            {
                var matcher = new Matcher(summaries, text, id.Length);
                table.FindOrAdd(string.GetHashCode(id), ref matcher, out bool added);
                if (!added)
                {
                    return null;
                }
            }
        }

        return new IdLookup(table, summaries);
    }

    /// <summary>The position of the summary of <paramref name="customerId"/> (ordinal), or -1.</summary>
    public int Find(string customerId)
    {
        fixed (char* text = customerId)
        {
            var matcher = new Matcher(_summaries, text, customerId.Length);
            return _table.Find(string.GetHashCode(customerId.AsSpan()), ref matcher);
        }
    }

    private static ReadOnlySpan<char> Chars(in CustomerSummary c, ref char[] buffer)
    {
        if (c.PackedIds is not { } packed)
        {
            return c.CustomerId;
        }

        var bytes = packed.TextOf(c.PackedIdIndex);
        if (bytes.Length > buffer.Length)
        {
            buffer = new char[Math.Max(bytes.Length, buffer.Length * 2)];
        }

        return buffer.AsSpan(0, Encoding.ASCII.GetChars(bytes, buffer));
    }

    /// <summary>Compares the id of the summary at an index with text pinned by the caller.</summary>
    private readonly struct Matcher(CustomerSummary[] summaries, char* text, int length) : ISlotKeyMatcher
    {
        public bool Matches(int index)
        {
            ref readonly var c = ref summaries[index];
            var id = new ReadOnlySpan<char>(text, length);
            return c.PackedIds is { } packed ? packed.Matches(c.PackedIdIndex, id) : id.SequenceEqual(c.CustomerId);
        }
    }
}
