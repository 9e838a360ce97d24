using SafeHome.Domain.Residents;

namespace SafeHome.Web.Infrastructure;

public sealed class IntakeOptions
{
    public const string Section = "Intake";

    public int MinAgeAtAdmission { get; set; } = AdmissionAgeRange.Default.Min;
    public int MaxAgeAtAdmission { get; set; } = AdmissionAgeRange.Default.Max;

    public AdmissionAgeRange AgeRange => new(MinAgeAtAdmission, MaxAgeAtAdmission);
}

public sealed class SessionOptions
{
    public const string Section = "Session";

    /// Signed out after this long without a request (SECURITY.md S1: 15 minutes).
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// Signed out this long after signing in, however active (SECURITY.md S1: 12 hours).
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);
}

public sealed class NotesOptions
{
    public const string Section = "Notes";

    /// How long after the service ends a note must be signed (DOMAIN.md §6A step 6).
    public int SigningDeadlineHours { get; set; } = 24;

    public TimeSpan SigningDeadline => TimeSpan.FromHours(SigningDeadlineHours);
}

/// What this node does besides jobs (section "Web"): a node is web only (Jobs:RunServer=false), jobs only
/// (Web:Serve=false) or both, the default.
public sealed class WebOptions
{
    public const string Section = "Web";

    /// False on a job-only node: it answers every request 404 (no page, no sign-in, no dashboard to attack).
    public bool Serve { get; set; } = true;
}
