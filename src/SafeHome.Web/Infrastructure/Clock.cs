namespace SafeHome.Web.Infrastructure;

public static class Clock
{
    /// The home's calendar day: dates on forms (admission, discharge, birth) are local dates, not UTC ones.
    public static DateOnly Today(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
    }

    public static DateTime UtcNow(this TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.GetUtcNow().UtcDateTime;
    }

    /// A UTC instant as the home's wall-clock time, for display and for datetime-local inputs.
    public static DateTime ToLocal(this TimeProvider clock, DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), clock.LocalTimeZone);
    }
}
