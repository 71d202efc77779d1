using Clv.Internal;

namespace Clv;

/// <summary>
/// The calendar day a timestamp counts on, by one documented rule used everywhere a timestamp becomes a
/// <see cref="DateOnly"/> (in-memory records, CSV and Parquet readers).
/// </summary>
/// <remarks>
/// <para><b>Without a time zone</b> (<c>null</c>): the date as written. A <see cref="DateTimeOffset"/> counts on the day of its own
/// clock (<c>2005-01-02T23:30:00-05:00</c> is 2 January, the day the customer saw), and a <see cref="DateTime"/> on its date,
/// whatever its <see cref="DateTime.Kind"/>.</para>
/// <para><b>With a time zone</b>: an instant is moved to that zone's clock first, so every row counts on the business's day.
/// A <see cref="DateTimeOffset"/> is converted (<c>2005-01-02T23:30:00-05:00</c> in China Standard Time is 3 January, 12:30),
/// and so is a <see cref="DateTime"/> whose kind is <see cref="DateTimeKind.Utc"/>. A <see cref="DateTime"/> of kind
/// <see cref="DateTimeKind.Unspecified"/> or <see cref="DateTimeKind.Local"/> is a wall-clock time taken to be already in
/// the zone: its date as written (the machine's own zone is never consulted; the library reads no ambient state).</para>
/// <para>Daylight-saving changes follow the zone's rules (<see cref="TimeZoneInfo.ConvertTime(DateTimeOffset, TimeZoneInfo)"/>).</para>
/// </remarks>
public static class CalendarDay
{
    /// <summary>The calendar day of a timestamp with an offset (see the rule in the remarks).</summary>
    /// <param name="timestamp">The timestamp.</param>
    /// <param name="timeZone">The zone whose calendar days count; null for the day of the timestamp's own offset.</param>
    /// <returns>The calendar day.</returns>
    public static DateOnly Of(DateTimeOffset timestamp, TimeZoneInfo? timeZone) =>
        DateOnly.FromDateTime(timeZone is null ? timestamp.DateTime : TimeZoneInfo.ConvertTime(timestamp, timeZone).DateTime);

    /// <summary>The calendar day of a timestamp without an offset (see the rule in the remarks).</summary>
    /// <param name="timestamp">The timestamp; only a <see cref="DateTimeKind.Utc"/> one is moved to <paramref name="timeZone"/>.</param>
    /// <param name="timeZone">The zone whose calendar days count; null for the date as written.</param>
    /// <returns>The calendar day.</returns>
    public static DateOnly Of(DateTime timestamp, TimeZoneInfo? timeZone) =>
        DateOnly.FromDateTime(timeZone is not null && timestamp.Kind == DateTimeKind.Utc
            ? TimeZoneInfo.ConvertTimeFromUtc(timestamp, timeZone)
            : timestamp);

    /// <summary>The calendar days of timestamps with offsets, into a destination of the same length.</summary>
    /// <param name="timestamps">The timestamps.</param>
    /// <param name="timeZone">The zone whose calendar days count; null for each timestamp's own offset.</param>
    /// <param name="destination">Receives one day per timestamp.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> and <paramref name="timestamps"/> differ in length.</exception>
    public static void Of(ReadOnlySpan<DateTimeOffset> timestamps, TimeZoneInfo? timeZone, Span<DateOnly> destination)
    {
        Guard.SameLength(timestamps.Length, destination.Length);

        for (int i = 0; i < timestamps.Length; i++)
        {
            destination[i] = Of(timestamps[i], timeZone);
        }
    }
}
