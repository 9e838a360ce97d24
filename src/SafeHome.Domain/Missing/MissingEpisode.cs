using SafeHome.Domain.Common;

namespace SafeHome.Domain.Missing;

/// The onset times an episode needs up front; everything else can be added as it becomes known.
public sealed record EpisodeOnset(DateTime LastSeenUtc, DateTime DiscoveredMissingUtc, string? DiscoveredBy, DateTime DeterminedMissingUtc);

/// What staff learned about the circumstances and risks (DOMAIN.md §6C step 1). Risk answers are null until asked.
public sealed record EpisodeCircumstances(
    string? Circumstances,
    string? SearchActions,
    bool? KnownExploiterContact,
    bool? Pregnancy,
    bool? Medications,
    bool? Suicidality,
    bool? Substances,
    bool? WeatherExposure,
    MissingRiskLevel? RiskLevel,
    string? BelongingsTaken,
    bool? PhoneTaken);

public sealed record EpisodeReturn(DateTime ReturnedUtc, ReturnType Type, string? FoundZip, bool? MedicalCheckDone, string? MedicalCheckNotes);

/// The resident's stays and other episodes, and the home's time zone, against which an episode's times are checked.
public sealed record EpisodeContext(
    IReadOnlyList<(Guid StayId, DateOnly AdmittedOn, DateOnly? DischargedOn)> Stays,
    IReadOnlyList<(Guid Id, DateTime LastSeenUtc, DateTime? ReturnedUtc)> OtherEpisodes,
    TimeZoneInfo Zone);

/// A missing-from-care episode (DOMAIN.md §6C). Its times are the audit backbone: the reporting clocks start from
/// the policy's onset time, and returning stops them.
public sealed class MissingEpisode : IVersioned, IAudited
{
    public static class MaxLength
    {
        public const int Text = 4_000;
        public const int Line = 200;
        public const int Zip = 10;
    }

    private readonly List<MissingNotification> _notifications = [];
    private readonly List<LocationEntry> _locationEntries = [];

    private MissingEpisode()
    {
    }

    public Guid Id { get; private set; }
    public Guid ResidentId { get; private set; }
    public Guid StayId { get; private set; }
    public EpisodeStatus Status { get; private set; }
    public DateTime LastSeenUtc { get; private set; }
    public DateTime DiscoveredMissingUtc { get; private set; }
    public string? DiscoveredBy { get; private set; }
    public DateTime DeterminedMissingUtc { get; private set; }
    public MissingClockStart ClockStart { get; private set; }
    public DateTime ClockStartUtc { get; private set; }
    public string? Circumstances { get; private set; }
    public string? SearchActions { get; private set; }
    public bool? KnownExploiterContact { get; private set; }
    public bool? Pregnancy { get; private set; }
    public bool? Medications { get; private set; }
    public bool? Suicidality { get; private set; }
    public bool? Substances { get; private set; }
    public bool? WeatherExposure { get; private set; }
    public MissingRiskLevel? RiskLevel { get; private set; }
    public string? BelongingsTaken { get; private set; }
    public bool? PhoneTaken { get; private set; }
    public DateTime? ReturnedUtc { get; private set; }
    public ReturnType? ReturnType { get; private set; }

    /// Restricted: where the youth was found says where an exploiter may operate.
    public string? FoundZip { get; private set; }
    public bool? MedicalCheckDone { get; private set; }
    public string? MedicalCheckNotes { get; private set; }
    public DateTime? DebriefDueUtc { get; private set; }
    public DateTime? ScreenDueUtc { get; private set; }
    public ReturnDebrief? Debrief { get; private set; }
    public TraffickingScreen? Screen { get; private set; }
    public string? CreatedById { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public long Version { get; set; }

    public IReadOnlyList<MissingNotification> Notifications => _notifications;
    public IReadOnlyList<LocationEntry> LocationEntries => _locationEntries;

    public bool IsOpen => Status == EpisodeStatus.Open;

    public static MissingEpisode Open(Guid residentId, EpisodeOnset onset, EpisodeContext context, JurisdictionPolicy policy, string? userId, DateTime nowUtc, Guid? id = null)
    {
        ArgumentNullException.ThrowIfNull(onset);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        var episode = new MissingEpisode
        {
            Id = id is { } given && given != Guid.Empty ? given : Guid.CreateVersion7(),
            ResidentId = residentId,
            Status = EpisodeStatus.Open,
            CreatedById = userId,
            CreatedAtUtc = nowUtc,
        };
        episode.ApplyOnset(onset, context, nowUtc);
        episode.StartClocks(policy);
        return episode;
    }

    /// Corrects the onset times. Due times of notifications not yet made follow the corrected clock start.
    public void CorrectOnset(EpisodeOnset onset, EpisodeContext context, JurisdictionPolicy policy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(onset);
        ArgumentNullException.ThrowIfNull(policy);
        if (ReturnedUtc is { } returned && returned < onset.LastSeenUtc)
        {
            throw new DomainRuleException(nameof(EpisodeOnset.LastSeenUtc), $"The youth returned at {returned:yyyy-MM-dd HH:mm} UTC; last seen must be before that.");
        }

        var earliestRecord = _notifications.Where(n => n.NotifiedAtUtc is not null).Select(n => n.NotifiedAtUtc!.Value)
            .Concat(_locationEntries.Select(e => e.OccurredAtUtc)).DefaultIfEmpty(DateTime.MaxValue).Min();
        if (earliestRecord < onset.LastSeenUtc)
        {
            throw new DomainRuleException(nameof(EpisodeOnset.LastSeenUtc), "Notifications or search entries are recorded before this time; last seen must come first.");
        }

        ApplyOnset(onset, context, nowUtc);
        ClockStart = policy.ClockStart;
        ClockStartUtc = ClockStart == MissingClockStart.DiscoveredMissing ? DiscoveredMissingUtc : DeterminedMissingUtc;
        foreach (var (recipient, dueAfter) in policy.OnsetNotifications())
        {
            foreach (var notification in _notifications.Where(n => n.Phase == NotificationPhase.Onset && n.Recipient == recipient && !n.IsSettled))
            {
                notification.Reschedule(ClockStartUtc + dueAfter);
            }
        }
    }

    public void UpdateCircumstances(EpisodeCircumstances details)
    {
        ArgumentNullException.ThrowIfNull(details);
        Circumstances = Text.CleanOrNull(details.Circumstances);
        SearchActions = Text.CleanOrNull(details.SearchActions);
        KnownExploiterContact = details.KnownExploiterContact;
        Pregnancy = details.Pregnancy;
        Medications = details.Medications;
        Suicidality = details.Suicidality;
        Substances = details.Substances;
        WeatherExposure = details.WeatherExposure;
        RiskLevel = details.RiskLevel;
        BelongingsTaken = Text.CleanOrNull(details.BelongingsTaken);
        PhoneTaken = details.PhoneTaken;
    }

    public void RecordNotification(Guid notificationId, NotificationRecord record, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(record);
        var notification = FindNotification(notificationId);
        var earliest = notification.Phase == NotificationPhase.Return ? ReturnedUtc!.Value : LastSeenUtc;
        if (record.NotifiedAtUtc < earliest)
        {
            throw new DomainRuleException(nameof(NotificationRecord.NotifiedAtUtc), notification.Phase == NotificationPhase.Return
                ? "A return notification cannot be dated before the youth returned."
                : "A notification cannot be dated before the episode began (when the youth was last seen).");
        }

        if (record.NotifiedAtUtc > nowUtc)
        {
            throw new DomainRuleException(nameof(NotificationRecord.NotifiedAtUtc), "The time notified cannot be in the future.");
        }

        notification.Record(record);
    }

    public void MarkNotificationNotApplicable(Guid notificationId, string reason) =>
        FindNotification(notificationId).MarkNotApplicable(reason);

    public LocationEntry AddLocationEntry(LocationEntryKind kind, DateTime occurredAtUtc, string? text, string? userId, DateTime nowUtc)
    {
        if (occurredAtUtc < LastSeenUtc)
        {
            throw new DomainRuleException(nameof(LocationEntry.OccurredAtUtc), "An effort or sighting cannot be dated before the youth was last seen.");
        }

        if (occurredAtUtc > nowUtc)
        {
            throw new DomainRuleException(nameof(LocationEntry.OccurredAtUtc), "The time cannot be in the future.");
        }

        var entry = new LocationEntry(Id, kind, occurredAtUtc, text, userId, nowUtc);
        _locationEntries.Add(entry);
        return entry;
    }

    /// Stops the reporting clocks, starts the debrief and screen clocks and adds the return notifications.
    public void RecordReturn(EpisodeReturn details, EpisodeContext context, JurisdictionPolicy policy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        if (!IsOpen)
        {
            throw new DomainRuleException(string.Empty, "The return is already recorded.");
        }

        ValidateReturn(details, context, nowUtc);
        Apply(details);
        Status = EpisodeStatus.Returned;
        DebriefDueUtc = details.ReturnedUtc + policy.DebriefDueAfter;
        ScreenDueUtc = details.ReturnedUtc + policy.ScreenDueAfter;
        foreach (var (recipient, dueAfter) in policy.ReturnNotifications())
        {
            _notifications.Add(new MissingNotification(Id, recipient, NotificationPhase.Return, details.ReturnedUtc + dueAfter));
        }
    }

    public void CorrectReturn(EpisodeReturn details, EpisodeContext context, JurisdictionPolicy policy, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(policy);
        if (IsOpen)
        {
            throw new DomainRuleException(string.Empty, "Record the return first.");
        }

        ValidateReturn(details, context, nowUtc);
        if (_notifications.Any(n => n.Phase == NotificationPhase.Return && n.NotifiedAtUtc < details.ReturnedUtc)
            || (Debrief is { } debrief && debrief.HeldAtUtc < details.ReturnedUtc))
        {
            throw new DomainRuleException(nameof(EpisodeReturn.ReturnedUtc), "Return notifications or the debrief are recorded before this time; the return must come first.");
        }

        Apply(details);
        DebriefDueUtc = details.ReturnedUtc + policy.DebriefDueAfter;
        ScreenDueUtc = details.ReturnedUtc + policy.ScreenDueAfter;
        foreach (var (recipient, dueAfter) in policy.ReturnNotifications())
        {
            foreach (var notification in _notifications.Where(n => n.Phase == NotificationPhase.Return && n.Recipient == recipient && !n.IsSettled))
            {
                notification.Reschedule(details.ReturnedUtc + dueAfter);
            }
        }
    }

    /// Records the debrief once. Returns true when it was completed, which asks for a triggered plan review and a new
    /// placement-safety decision (DOMAIN.md §6C step 5).
    public bool RecordDebrief(DebriefDetails details, string? userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (ReturnedUtc is not { } returned)
        {
            throw new DomainRuleException(string.Empty, "Record the return before the debrief.");
        }

        if (Debrief is not null)
        {
            throw new DomainRuleException(string.Empty, "The debrief is already recorded.");
        }

        if (details.HeldAtUtc < returned)
        {
            throw new DomainRuleException(nameof(DebriefDetails.HeldAtUtc), "The debrief cannot be before the youth returned.");
        }

        if (details.HeldAtUtc > nowUtc)
        {
            throw new DomainRuleException(nameof(DebriefDetails.HeldAtUtc), "The debrief time cannot be in the future.");
        }

        Debrief = new ReturnDebrief(Id, details, userId, nowUtc);
        return Debrief.Outcome == DebriefOutcome.Completed;
    }

    public void RecordScreen(ScreenDetails details, string? userId, DateOnly today, TimeZoneInfo zone, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(zone);
        if (ReturnedUtc is not { } returned)
        {
            throw new DomainRuleException(string.Empty, "Record the return before the trafficking screen.");
        }

        if (Screen is not null)
        {
            throw new DomainRuleException(string.Empty, "The post-return screen is already recorded.");
        }

        var returnDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(returned, zone));
        if (details.ScreenedOn < returnDay)
        {
            throw new DomainRuleException(nameof(ScreenDetails.ScreenedOn), $"The screen cannot be before the return ({returnDay:yyyy-MM-dd}).");
        }

        if (details.ScreenedOn > today)
        {
            throw new DomainRuleException(nameof(ScreenDetails.ScreenedOn), "The screen date cannot be in the future.");
        }

        Screen = new TraffickingScreen(Id, details, userId, nowUtc);
    }

    /// Every deadline of this episode that has passed without being met, as of <paramref name="nowUtc"/>. A missing
    /// notification whose deadline falls after the return is no longer owed: returning closes that clock.
    public IEnumerable<OverdueItem> OverdueItems(DateTime nowUtc)
    {
        foreach (var notification in _notifications.Where(n => !n.IsSettled && n.DueAtUtc < nowUtc))
        {
            if (notification.Phase == NotificationPhase.Onset && ReturnedUtc is { } returned && notification.DueAtUtc >= returned)
            {
                continue;
            }

            yield return new OverdueItem(MissingAlertKind.NotificationOverdue, ResidentId, Id, notification.Id, notification.DueAtUtc);
        }

        if (DebriefDueUtc is { } debriefDue && Debrief is null && debriefDue < nowUtc)
        {
            yield return new OverdueItem(MissingAlertKind.DebriefOverdue, ResidentId, Id, Id, debriefDue);
        }

        if (ScreenDueUtc is { } screenDue && Screen is null && screenDue < nowUtc)
        {
            yield return new OverdueItem(MissingAlertKind.ScreenOverdue, ResidentId, Id, Id, screenDue);
        }
    }

    /// Whether the clock of this notification still runs (for the countdown on the episode page).
    public bool ClockRuns(MissingNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        return !notification.IsSettled && (notification.Phase == NotificationPhase.Return || ReturnedUtc is null || notification.DueAtUtc < ReturnedUtc);
    }

    private void ApplyOnset(EpisodeOnset onset, EpisodeContext context, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (onset.LastSeenUtc > nowUtc)
        {
            throw new DomainRuleException(nameof(EpisodeOnset.LastSeenUtc), "Last seen cannot be in the future.");
        }

        if (onset.DiscoveredMissingUtc < onset.LastSeenUtc)
        {
            throw new DomainRuleException(nameof(EpisodeOnset.DiscoveredMissingUtc), "Discovered missing cannot be before the youth was last seen.");
        }

        if (onset.DiscoveredMissingUtc > nowUtc)
        {
            throw new DomainRuleException(nameof(EpisodeOnset.DiscoveredMissingUtc), "Discovered missing cannot be in the future.");
        }

        if (onset.DeterminedMissingUtc < onset.DiscoveredMissingUtc)
        {
            throw new DomainRuleException(nameof(EpisodeOnset.DeterminedMissingUtc), "Determined missing comes after the local search, so not before discovered missing.");
        }

        if (onset.DeterminedMissingUtc > nowUtc)
        {
            throw new DomainRuleException(nameof(EpisodeOnset.DeterminedMissingUtc), "Determined missing cannot be in the future.");
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(onset.LastSeenUtc, context.Zone));
        var stay = context.Stays.FirstOrDefault(s => s.AdmittedOn <= day && (s.DischargedOn is null || day < s.DischargedOn));
        if (stay.StayId == Guid.Empty)
        {
            throw new DomainRuleException(nameof(EpisodeOnset.LastSeenUtc), "Last seen must fall within one of the resident's stays in the home.");
        }

        var end = ReturnedUtc ?? DateTime.MaxValue;
        var overlapping = context.OtherEpisodes.FirstOrDefault(o => o.Id != Id && o.LastSeenUtc < end && (o.ReturnedUtc ?? DateTime.MaxValue) > onset.LastSeenUtc);
        if (overlapping.Id != Guid.Empty)
        {
            throw new DomainRuleException(nameof(EpisodeOnset.LastSeenUtc), overlapping.ReturnedUtc is null
                ? "This resident already has an open missing episode; record that return first."
                : "This episode would overlap another missing episode of this resident.");
        }

        StayId = stay.StayId;
        LastSeenUtc = onset.LastSeenUtc;
        DiscoveredMissingUtc = onset.DiscoveredMissingUtc;
        DiscoveredBy = Text.CleanOrNull(onset.DiscoveredBy);
        DeterminedMissingUtc = onset.DeterminedMissingUtc;
    }

    private void StartClocks(JurisdictionPolicy policy)
    {
        ClockStart = policy.ClockStart;
        ClockStartUtc = ClockStart == MissingClockStart.DiscoveredMissing ? DiscoveredMissingUtc : DeterminedMissingUtc;
        foreach (var (recipient, dueAfter) in policy.OnsetNotifications())
        {
            _notifications.Add(new MissingNotification(Id, recipient, NotificationPhase.Onset, ClockStartUtc + dueAfter));
        }
    }

    private void ValidateReturn(EpisodeReturn details, EpisodeContext context, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (details.ReturnedUtc < LastSeenUtc)
        {
            throw new DomainRuleException(nameof(EpisodeReturn.ReturnedUtc), "The return cannot be before the youth was last seen.");
        }

        if (details.ReturnedUtc > nowUtc)
        {
            throw new DomainRuleException(nameof(EpisodeReturn.ReturnedUtc), "The return time cannot be in the future.");
        }

        if (context.OtherEpisodes.Any(o => o.Id != Id && o.LastSeenUtc >= LastSeenUtc && o.LastSeenUtc < details.ReturnedUtc))
        {
            throw new DomainRuleException(nameof(EpisodeReturn.ReturnedUtc), "This return would overlap a later missing episode of this resident.");
        }

        // The discharge day itself still counts: an episode left open at discharge ends with the stay.
        var returnDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(details.ReturnedUtc, context.Zone));
        if (context.Stays.FirstOrDefault(s => s.StayId == StayId) is { StayId: var stayId, DischargedOn: { } discharged } && stayId != Guid.Empty && returnDay > discharged)
        {
            throw new DomainRuleException(nameof(EpisodeReturn.ReturnedUtc), $"The resident was discharged on {discharged:yyyy-MM-dd}; the return must fall within the stay.");
        }

        var zip = Text.CleanOrNull(details.FoundZip);
        if (zip is not null && !(zip.Length is 5 or 10 && zip.Take(5).All(char.IsAsciiDigit) && (zip.Length == 5 || (zip[5] == '-' && zip.Skip(6).All(char.IsAsciiDigit)))))
        {
            throw new DomainRuleException(nameof(EpisodeReturn.FoundZip), "Enter a 5-digit ZIP code (or ZIP+4, 12345-6789).");
        }
    }

    private void Apply(EpisodeReturn details)
    {
        ReturnedUtc = details.ReturnedUtc;
        ReturnType = details.Type;
        FoundZip = Text.CleanOrNull(details.FoundZip);
        MedicalCheckDone = details.MedicalCheckDone;
        MedicalCheckNotes = Text.CleanOrNull(details.MedicalCheckNotes);
    }

    private MissingNotification FindNotification(Guid notificationId) =>
        _notifications.FirstOrDefault(n => n.Id == notificationId)
        ?? throw new DomainRuleException(string.Empty, "That notification is not part of this episode.");
}

/// <param name="SubjectId">The notification, or for the debrief and screen the episode itself.</param>
public sealed record OverdueItem(MissingAlertKind Kind, Guid ResidentId, Guid EpisodeId, Guid SubjectId, DateTime DueAtUtc);
