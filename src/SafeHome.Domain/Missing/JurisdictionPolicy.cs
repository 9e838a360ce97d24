using SafeHome.Domain.Common;

namespace SafeHome.Domain.Missing;

/// When a missing episode's reporting clocks start and how long each notification may take (DOMAIN.md §9). One row,
/// seeded by the migration with the program's defaults; administrators edit it.
public sealed class JurisdictionPolicy : IVersioned, IAudited
{
    public const int NameMaxLength = 100;

    /// The seeded row's id, so the migration and the code agree on it.
    public static readonly Guid DefaultId = new("5afe0001-0000-4000-8000-000000000001");

    /// A deadline is at least a minute and at most 30 days.
    public const int MaxMinutes = 30 * 24 * 60;

    private JurisdictionPolicy()
    {
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; } = string.Empty;
    public MissingClockStart ClockStart { get; private set; }
    public int LawEnforcementMinutes { get; private set; }
    public int NcmecMinutes { get; private set; }
    public int CaseworkerMinutes { get; private set; }
    public int GuardianMinutes { get; private set; }
    public int GalMinutes { get; private set; }
    public int CourtMinutes { get; private set; }
    public int DirectorMinutes { get; private set; }
    public int DebriefMinutes { get; private set; }
    public int ScreenMinutes { get; private set; }
    public long Version { get; set; }

    public static JurisdictionPolicy CreateDefault() => new()
    {
        Id = DefaultId,
        Name = "Program default",
        ClockStart = MissingClockStart.DiscoveredMissing,
        LawEnforcementMinutes = 2 * 60,
        NcmecMinutes = 24 * 60,
        CaseworkerMinutes = 24 * 60,
        GuardianMinutes = 24 * 60,
        GalMinutes = 24 * 60,
        CourtMinutes = 48 * 60,
        DirectorMinutes = 60,
        DebriefMinutes = 72 * 60,
        ScreenMinutes = 72 * 60,
    };

    public void Update(PolicyDeadlines deadlines)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        var name = Text.Clean(deadlines.Name);
        if (name.Length == 0)
        {
            throw new DomainRuleException(nameof(Name), "Name the policy (for example the county or state).");
        }

        foreach (var (field, minutes) in deadlines.Minutes())
        {
            if (minutes is < 1 or > MaxMinutes)
            {
                throw new DomainRuleException(field, "Enter a time between 1 minute and 30 days.");
            }
        }

        Name = name;
        ClockStart = deadlines.ClockStart;
        LawEnforcementMinutes = deadlines.LawEnforcementMinutes;
        NcmecMinutes = deadlines.NcmecMinutes;
        CaseworkerMinutes = deadlines.CaseworkerMinutes;
        GuardianMinutes = deadlines.GuardianMinutes;
        GalMinutes = deadlines.GalMinutes;
        CourtMinutes = deadlines.CourtMinutes;
        DirectorMinutes = deadlines.DirectorMinutes;
        DebriefMinutes = deadlines.DebriefMinutes;
        ScreenMinutes = deadlines.ScreenMinutes;
    }

    /// The recipients told when a youth goes missing, each with how long after the clock starts it is due.
    public IEnumerable<(NotificationRecipient Recipient, TimeSpan DueAfter)> OnsetNotifications()
    {
        yield return (NotificationRecipient.LawEnforcement, TimeSpan.FromMinutes(LawEnforcementMinutes));
        yield return (NotificationRecipient.Ncmec, TimeSpan.FromMinutes(NcmecMinutes));
        yield return (NotificationRecipient.PlacingAgencyCaseworker, TimeSpan.FromMinutes(CaseworkerMinutes));
        yield return (NotificationRecipient.ParentGuardian, TimeSpan.FromMinutes(GuardianMinutes));
        yield return (NotificationRecipient.GalAttorney, TimeSpan.FromMinutes(GalMinutes));
        yield return (NotificationRecipient.Court, TimeSpan.FromMinutes(CourtMinutes));
        yield return (NotificationRecipient.ProgramDirector, TimeSpan.FromMinutes(DirectorMinutes));
    }

    /// Return notifications (DOMAIN.md §6C step 4): police to clear the NCIC entry, NCMEC and the caseworker, on the
    /// same deadlines as when the youth went missing, counted from the return.
    public IEnumerable<(NotificationRecipient Recipient, TimeSpan DueAfter)> ReturnNotifications()
    {
        yield return (NotificationRecipient.LawEnforcement, TimeSpan.FromMinutes(LawEnforcementMinutes));
        yield return (NotificationRecipient.Ncmec, TimeSpan.FromMinutes(NcmecMinutes));
        yield return (NotificationRecipient.PlacingAgencyCaseworker, TimeSpan.FromMinutes(CaseworkerMinutes));
    }

    public TimeSpan DebriefDueAfter => TimeSpan.FromMinutes(DebriefMinutes);

    public TimeSpan ScreenDueAfter => TimeSpan.FromMinutes(ScreenMinutes);
}

public sealed record PolicyDeadlines(
    string? Name,
    MissingClockStart ClockStart,
    int LawEnforcementMinutes,
    int NcmecMinutes,
    int CaseworkerMinutes,
    int GuardianMinutes,
    int GalMinutes,
    int CourtMinutes,
    int DirectorMinutes,
    int DebriefMinutes,
    int ScreenMinutes)
{
    public IEnumerable<(string Field, int Minutes)> Minutes()
    {
        yield return (nameof(LawEnforcementMinutes), LawEnforcementMinutes);
        yield return (nameof(NcmecMinutes), NcmecMinutes);
        yield return (nameof(CaseworkerMinutes), CaseworkerMinutes);
        yield return (nameof(GuardianMinutes), GuardianMinutes);
        yield return (nameof(GalMinutes), GalMinutes);
        yield return (nameof(CourtMinutes), CourtMinutes);
        yield return (nameof(DirectorMinutes), DirectorMinutes);
        yield return (nameof(DebriefMinutes), DebriefMinutes);
        yield return (nameof(ScreenMinutes), ScreenMinutes);
    }
}
