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
}
