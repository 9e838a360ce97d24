namespace SafeHome.Domain.Outcomes;

/// The thresholds of DOMAIN.md §8–9, each configurable. The stored due times of notifications, debriefs and screens
/// (set from the jurisdiction policy when the episode was recorded) take precedence; the hours here are the fallback.
public sealed record MetricOptions
{
    public static MetricOptions Default { get; } = new();

    public int NoteSigningHours { get; init; } = 72;
    public int PlanActiveWithinDays { get; init; } = 30;
    public int DebriefHours { get; init; } = 72;
    public int ScreenHours { get; init; } = 72;
    public int NcmecHours { get; init; } = 24;

    /// M5 counts youth younger than this at the clock start.
    public int NcmecUnderAge { get; init; } = 18;

    /// M10's optional exclusion of transfers for medical reasons (to a psychiatric hospital).
    public bool ExcludeMedicalTransfersFromPermanency { get; init; }

    /// The home's time zone: which day an instant falls on, for period membership.
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
}
