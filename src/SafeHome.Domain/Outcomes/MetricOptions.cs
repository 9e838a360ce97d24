namespace SafeHome.Domain.Outcomes;

/// The thresholds of DOMAIN.md §8–9, each configurable. The stored due times of notifications, debriefs and screens
/// (set from the jurisdiction policy when the episode was recorded) take precedence; the hours here are the fallback.
public sealed record MetricOptions
{
    public static MetricOptions Default { get; } = new();

    /// Agrees with the app's Notes:SigningDeadlineHours default (24), which the report job passes in.
    public int NoteSigningHours { get; init; } = 24;
    public int PlanActiveWithinDays { get; init; } = 30;
    public int DebriefHours { get; init; } = 72;
    public int ScreenHours { get; init; } = 72;
    public int NcmecHours { get; init; } = 24;

    /// M5 counts youth younger than this at the clock start.
    public int NcmecUnderAge { get; init; } = 18;

    /// M13 counts as school-age the residents this age or younger on the census day. 18 keeps high-school seniors who
    /// turned 18 in the count; older youth still in care are left out of the denominator.
    public int SchoolAgeMax { get; init; } = 18;

    /// M24 counts exits of youth at least this old on the discharge day; 0 counts every exit (DOMAIN.md §8: "youth
    /// ≥14 or all, configurable").
    public int DocumentsMinimumAge { get; init; }

    /// M10's optional exclusion of transfers for medical reasons (to a psychiatric hospital).
    public bool ExcludeMedicalTransfersFromPermanency { get; init; }

    /// The home's time zone: which day an instant falls on, for period membership.
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
}
