using System.Runtime.CompilerServices;

namespace Clv.Internal;

/// <content>Room for customers: growing by doubling as they arrive, or sized once for a count the caller knows.</content>
internal sealed partial class CustomerDaysBuilder
{
    /// <summary>
    /// Makes room for at least <paramref name="customers"/> customers without growing: the per-customer state, the ids and the id
    /// table. Customers already added keep their numbers.
    /// </summary>
    /// <returns>The number of customers the builder holds without growing.</returns>
    public int EnsureCapacity(int customers)
    {
        if (customers > _state.Length)
        {
            HugePages.Grow(ref _state, customers, clear: false);
            if (_refunds is not null)
            {
                HugePages.Grow(ref _refunds, customers, clear: true);
            }

            if (_refundLows is not null)
            {
                HugePages.Grow(ref _refundLows, customers, clear: true);
            }
        }

        _ids.EnsureCapacity(customers);
        _table.EnsureCapacity(customers);
        return _state.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddCustomer(string id)
    {
        GrowState();
        _ids.Add(id);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AddCustomer(ReadOnlySpan<char> id)
    {
        GrowState();
        _ids.Add(id);
    }

    private void GrowState()
    {
        int c = CustomerCount - 1;
        if (c == _state.Length)
        {
            int size = c * 2;
            HugePages.Grow(ref _state, size, clear: false);
            if (_refunds is not null)
            {
                HugePages.Grow(ref _refunds, size, clear: true);
            }

            if (_refundLows is not null)
            {
                HugePages.Grow(ref _refundLows, size, clear: true);
            }
        }

        _state[c] = new CustomerState { FirstRowDay = int.MaxValue, LastDay = int.MinValue, LastRow = -1 };
    }
}
