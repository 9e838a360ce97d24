namespace SafeHome.Domain.Notes;

/// What the author writes. Service times are UTC; the page converts from the home's local time.
public sealed record NoteContent(
    NoteType Type,
    NoteFormat Format,
    DateTime ServiceStartUtc,
    DateTime ServiceEndUtc,
    IReadOnlyDictionary<NoteSection, string?> Sections,
    string? YouthWords,
    string? StrengthsObserved,
    string? InterventionsUsed,
    bool? RiskSelfHarm,
    bool? RiskExploiterContact,
    bool? RiskMissing,
    string? RiskFollowUp);

/// A goal of the active plan the note works toward, optionally narrowed to one of its objectives. The lineage ids
/// keep the link meaningful after the plan is revised into a new version.
public sealed record NoteLinkTarget(Guid GoalId, Guid GoalLineageId, Guid? ObjectiveId, Guid? ObjectiveLineageId);

/// The stays the service time must fall in, and the home's time zone that turns UTC times into calendar days.
public sealed record ServiceWindow(IReadOnlyList<(Guid StayId, DateOnly AdmittedOn, DateOnly? DischargedOn)> Stays, TimeZoneInfo Zone);
