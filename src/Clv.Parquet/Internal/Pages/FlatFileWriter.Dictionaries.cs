using System.Runtime.InteropServices;

namespace Clv.Parquet.Internal.Pages;

/// <summary>The dictionaries of <see cref="FlatFileWriter"/>: repeating text, and whole numbers of a small range.</summary>
internal sealed partial class FlatFileWriter
{
    private sealed partial class Encoder
    {
        /// <summary>The dictionary of the gathered text (entries and each value's index); 0 when there is no value or too many distinct ones.</summary>
        private int Dictionary(int present)
        {
            _byInstance.Clear();
            _byValue.Clear();
            _entries.Clear();
            Grow(ref _indices, present);
            int recent = 0;
            for (int i = 0; i < present; i++)
            {
                // The labels are a few shared string instances: the first 16 met are compared by reference, any other is looked up
                // by reference, and each instance by value once.
                string text = _texts[i];
                int index = -1;
                for (int r = 0; r < recent; r++)
                {
                    if (ReferenceEquals(_recent[r], text))
                    {
                        index = _recentIndex[r];
                        break;
                    }
                }

                if (index < 0)
                {
                    ref int byInstance = ref CollectionsMarshal.GetValueRefOrAddDefault(_byInstance, text, out bool known);
                    if (!known)
                    {
                        ref int byValue = ref CollectionsMarshal.GetValueRefOrAddDefault(_byValue, text, out bool seen);
                        if (!seen)
                        {
                            if (_entries.Count == MaxDictionaryEntries)
                            {
                                return 0;
                            }

                            byValue = _entries.Count;
                            _entries.Add(text);
                        }

                        byInstance = byValue;
                    }

                    index = byInstance;
                    if (recent < _recent.Length)
                    {
                        _recent[recent] = text;
                        _recentIndex[recent++] = index;
                    }
                }

                _indices[i] = index;
            }

            _recent.AsSpan().Clear();
            return _entries.Count;
        }

        /// <summary>
        /// The dictionary of the gathered whole numbers when they span at most <see cref="MaxIntegerRange"/> values (scores, codes,
        /// days): a table indexed by value, no hashing. 0 when there is no value, the range is wider, or there are too many entries.
        /// </summary>
        private int IntegerDictionary(int present)
        {
            if (present == 0)
            {
                return 0;
            }

            var values = _ints.AsSpan(0, present);
            int min = values[0], max = values[0];
            foreach (int v in values)
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            if ((long)max - min >= MaxIntegerRange)
            {
                return 0;
            }

            int range = max - min + 1;
            Grow(ref _slots, range);
            _slots.AsSpan(0, range).Fill(-1);
            Grow(ref _indices, present);
            Grow(ref _integerEntries, Math.Min(range, MaxDictionaryEntries));
            int count = 0;
            for (int i = 0; i < values.Length; i++)
            {
                ref int slot = ref _slots[values[i] - min];
                if (slot < 0)
                {
                    if (count == MaxDictionaryEntries)
                    {
                        return 0;
                    }

                    _integerEntries[count] = values[i];
                    slot = count++;
                }

                _indices[i] = slot;
            }

            return count;
        }
    }
}
