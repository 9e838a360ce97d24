using SafeHome.Domain.Common;

namespace SafeHome.Domain.Missing;

/// Who was told, when, how, and the reference they gave (DOMAIN.md §6C step 2).
public sealed record NotificationRecord(
    DateTime NotifiedAtUtc,
    string? NotifiedBy,
    NotificationMethod Method,
    string? ContactName,
    string? Agency,
    string? CaseNumber,
    string? OfficerName,
    string? BadgeNumber,
    string? NcicNumber,
    string? NcmecCaseNumber);

public sealed class MissingNotification : IAudited
{
    public const int FieldMaxLength = 200;
    public const int ReasonMaxLength = 1_000;

    private MissingNotification()
    {
    }

    internal MissingNotification(Guid episodeId, NotificationRecipient recipient, NotificationPhase phase, DateTime dueAtUtc)
    {
        Id = Guid.CreateVersion7();
        EpisodeId = episodeId;
        Recipient = recipient;
        Phase = phase;
        DueAtUtc = dueAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid EpisodeId { get; private set; }
    public NotificationRecipient Recipient { get; private set; }
    public NotificationPhase Phase { get; private set; }
    public DateTime DueAtUtc { get; private set; }
    public DateTime? NotifiedAtUtc { get; private set; }
    public string? NotifiedBy { get; private set; }
    public NotificationMethod? Method { get; private set; }
    public string? ContactName { get; private set; }
    public string? Agency { get; private set; }
    public string? CaseNumber { get; private set; }
    public string? OfficerName { get; private set; }
    public string? BadgeNumber { get; private set; }
    public string? NcicNumber { get; private set; }
    public string? NcmecCaseNumber { get; private set; }

    /// Why no notification was owed (for example, no GAL is appointed). Counts as settled.
    public string? NotApplicableReason { get; private set; }

    public bool IsSettled => NotifiedAtUtc is not null || NotApplicableReason is not null;

    public bool WasOnTime => NotifiedAtUtc is { } at && at <= DueAtUtc;

    internal void Record(NotificationRecord record)
    {
        NotifiedAtUtc = record.NotifiedAtUtc;
        NotifiedBy = Text.CleanOrNull(record.NotifiedBy);
        Method = record.Method;
        ContactName = Text.CleanOrNull(record.ContactName);
        Agency = Text.CleanOrNull(record.Agency);
        CaseNumber = Text.CleanOrNull(record.CaseNumber);
        OfficerName = Text.CleanOrNull(record.OfficerName);
        BadgeNumber = Text.CleanOrNull(record.BadgeNumber);
        NcicNumber = Text.CleanOrNull(record.NcicNumber);
        NcmecCaseNumber = Text.CleanOrNull(record.NcmecCaseNumber);
        NotApplicableReason = null;
    }

    internal void MarkNotApplicable(string reason)
    {
        if (NotifiedAtUtc is not null)
        {
            throw new DomainRuleException(nameof(NotApplicableReason), "This notification is already recorded as made.");
        }

        NotApplicableReason = Text.CleanOrNull(reason) ?? throw new DomainRuleException(nameof(NotApplicableReason), "Say why this notification is not needed.");
    }

    internal void Reschedule(DateTime dueAtUtc) => DueAtUtc = dueAtUtc;
}

/// One line of the search log: an effort to locate the youth, or a sighting.
public sealed class LocationEntry : IAudited
{
    public const int TextMaxLength = 2_000;

    private LocationEntry()
    {
    }

    internal LocationEntry(Guid episodeId, LocationEntryKind kind, DateTime occurredAtUtc, string? text, string? userId, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        EpisodeId = episodeId;
        Kind = kind;
        OccurredAtUtc = occurredAtUtc;
        Text = Common.Text.CleanOrNull(text) ?? throw new DomainRuleException(nameof(Text), kind == LocationEntryKind.Sighting ? "Describe the sighting." : "Describe the effort made.");
        RecordedById = userId;
        RecordedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid EpisodeId { get; private set; }
    public LocationEntryKind Kind { get; private set; }
    public DateTime OccurredAtUtc { get; private set; }
    public string Text { get; private set; } = string.Empty;
    public string? RecordedById { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
}

public sealed record DebriefDetails(
    DateTime HeldAtUtc,
    DebriefOutcome Outcome,
    string? DeclinedReason,
    string? ConductedBy,
    bool ConductedByDirectCarer,
    PushFactors PushFactors,
    PullFactors PullFactors,
    string? Experiences,
    bool? HarmReported,
    string? HarmDetails,
    string? Referrals);

/// The return interview (DOMAIN.md §6C step 5). A youth may decline; the reason is recorded in their words, and a
/// declined debrief counts as offered (DOMAIN.md §9).
public sealed class ReturnDebrief : IAudited
{
    public const int TextMaxLength = 4_000;

    private ReturnDebrief()
    {
    }

    internal ReturnDebrief(Guid episodeId, DebriefDetails details, string? userId, DateTime nowUtc)
    {
        var declined = Text.CleanOrNull(details.DeclinedReason);
        if (details.Outcome == DebriefOutcome.Declined && declined is null)
        {
            throw new DomainRuleException(nameof(DebriefDetails.DeclinedReason), "Record the youth's reason for declining, in their words if they gave one.");
        }

        if (details.HarmReported == true && Text.CleanOrNull(details.HarmDetails) is null)
        {
            throw new DomainRuleException(nameof(DebriefDetails.HarmDetails), "Harm was reported: note what is needed for care (not more detail than that).");
        }

        var completed = details.Outcome == DebriefOutcome.Completed;
        Id = Guid.CreateVersion7();
        EpisodeId = episodeId;
        HeldAtUtc = details.HeldAtUtc;
        Outcome = details.Outcome;
        DeclinedReason = completed ? null : declined;
        ConductedBy = Text.CleanOrNull(details.ConductedBy);
        ConductedByDirectCarer = details.ConductedByDirectCarer;
        PushFactors = completed ? details.PushFactors : PushFactors.None;
        PullFactors = completed ? details.PullFactors : PullFactors.None;
        Experiences = completed ? Text.CleanOrNull(details.Experiences) : null;
        HarmReported = completed ? details.HarmReported : null;
        HarmDetails = completed ? Text.CleanOrNull(details.HarmDetails) : null;
        Referrals = Text.CleanOrNull(details.Referrals);
        RecordedById = userId;
        RecordedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid EpisodeId { get; private set; }
    public DateTime HeldAtUtc { get; private set; }
    public DebriefOutcome Outcome { get; private set; }
    public string? DeclinedReason { get; private set; }
    public string? ConductedBy { get; private set; }

    /// DOMAIN.md §6C: preferably someone who is not the youth's direct carer.
    public bool ConductedByDirectCarer { get; private set; }
    public PushFactors PushFactors { get; private set; }
    public PullFactors PullFactors { get; private set; }
    public string? Experiences { get; private set; }
    public bool? HarmReported { get; private set; }
    public string? HarmDetails { get; private set; }
    public string? Referrals { get; private set; }
    public string? RecordedById { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
}

public sealed record ScreenDetails(DateOnly ScreenedOn, ScreenInstrument Instrument, ScreenResult Result, string? ScreenedBy);

/// The post-return trafficking screen: metadata and result level only (DOMAIN.md §7).
public sealed class TraffickingScreen : IAudited
{
    public const int NameMaxLength = 200;

    private TraffickingScreen()
    {
    }

    internal TraffickingScreen(Guid episodeId, ScreenDetails details, string? userId, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        EpisodeId = episodeId;
        ScreenedOn = details.ScreenedOn;
        Instrument = details.Instrument;
        Result = details.Result;
        ScreenedBy = Text.CleanOrNull(details.ScreenedBy);
        RecordedById = userId;
        RecordedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid EpisodeId { get; private set; }
    public DateOnly ScreenedOn { get; private set; }
    public ScreenInstrument Instrument { get; private set; }
    public ScreenResult Result { get; private set; }
    public string? ScreenedBy { get; private set; }
    public string? RecordedById { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
}
