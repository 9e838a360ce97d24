using SafeHome.Domain.Missing;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;

namespace SafeHome.Domain.Outcomes;

// The rows the outcome metrics read: ids to join on, dates and codes. Never names or free text, so a dataset can be
// handed to the report layer without widening who sees what.

public sealed record ResidentFact(Guid Id, DateOnly DateOfBirth);

public sealed record StayFact(
    Guid Id,
    Guid ResidentId,
    DateOnly AdmittedOn,
    DateOnly? DischargedOn,
    DischargeType? DischargeType,
    DischargeReason? DischargeReason,
    DischargeDestination? Destination,
    IdentityDocuments? DocumentsAtExit = null);

/// <param name="EndedOn">The last day the status held; null while it still holds.</param>
public sealed record EducationFact(Guid ResidentId, EducationStatus Status, DateOnly StartedOn, DateOnly? EndedOn);

public sealed record EpisodeFact(
    Guid Id,
    Guid ResidentId,
    Guid StayId,
    DateTime LastSeenUtc,
    DateTime ClockStartUtc,
    DateTime? ReturnedUtc,
    ReturnType? ReturnType,
    MissingRiskLevel? RiskLevel,
    DateTime? DebriefDueUtc,
    DateTime? ScreenDueUtc);

public sealed record NotificationFact(
    Guid EpisodeId,
    NotificationRecipient Recipient,
    NotificationPhase Phase,
    DateTime DueAtUtc,
    DateTime? NotifiedAtUtc,
    bool NotApplicable);

public sealed record DebriefFact(Guid EpisodeId, DateTime HeldAtUtc, DebriefOutcome Outcome);

public sealed record ScreenFact(Guid EpisodeId, DateOnly ScreenedOn);

public sealed record ExploitationFact(Guid ResidentId, ExploitationCertainty Certainty, DateOnly OccurredOn, Guid? EpisodeId);

/// <param name="YouthPresentAtMeeting">Null when no planning meeting is recorded.</param>
/// <param name="YouthSignedOrRefused">The youth signed this version, or declined with a recorded reason.</param>
public sealed record PlanFact(
    Guid Id,
    Guid ResidentId,
    int VersionNumber,
    PlanStatus Status,
    DateTime? ApprovedAtUtc,
    bool? YouthPresentAtMeeting,
    bool YouthSignedOrRefused);

public sealed record GoalFact(Guid Id, Guid PlanId, int? GasWeight, GoalStatus Status);

public sealed record ObjectiveFact(Guid Id, Guid LineageId, Guid PlanId, DateOnly? TargetOn, GoalStatus Status);

/// <param name="YouthPresent">Null while reviews do not record attendance.</param>
public sealed record ReviewFact(
    Guid Id,
    Guid ResidentId,
    Guid PlanId,
    ReviewType Type,
    DateOnly DueOn,
    DateOnly HeldOn,
    double? TScore,
    bool? YouthPresent = null);

public sealed record ObjectiveRatingFact(Guid ObjectiveId, Guid ReviewId, GoalStatus Status);

public sealed record NoteFact(
    Guid Id,
    Guid ResidentId,
    DateTime ServiceEndUtc,
    DateTime? SignedAtUtc,
    NoteStatus Status,
    bool EnteredInError = false);

public sealed record MetricDataset
{
    public IReadOnlyList<ResidentFact> Residents { get; init; } = [];
    public IReadOnlyList<StayFact> Stays { get; init; } = [];
    public IReadOnlyList<EpisodeFact> Episodes { get; init; } = [];
    public IReadOnlyList<NotificationFact> Notifications { get; init; } = [];
    public IReadOnlyList<DebriefFact> Debriefs { get; init; } = [];
    public IReadOnlyList<ScreenFact> Screens { get; init; } = [];
    public IReadOnlyList<ExploitationFact> ExploitationEvents { get; init; } = [];
    public IReadOnlyList<PlanFact> Plans { get; init; } = [];
    public IReadOnlyList<GoalFact> Goals { get; init; } = [];
    public IReadOnlyList<ObjectiveFact> Objectives { get; init; } = [];
    public IReadOnlyList<ReviewFact> Reviews { get; init; } = [];
    public IReadOnlyList<ObjectiveRatingFact> ObjectiveRatings { get; init; } = [];
    public IReadOnlyList<NoteFact> Notes { get; init; } = [];
    public IReadOnlyList<EducationFact> Education { get; init; } = [];

    /// The last day of the periods the data serves. Stays, discharges and education statuses are as they stood that
    /// day, days in care after it are not counted, and a stay admitted less than the plan window before it is not yet
    /// due a plan. Follow-ups of earlier events (notifications, returns, debriefs, screens, plan approvals, reviews
    /// held, note signatures) may be dated after it: they count against their own due times. Null: no cut-off.
    public DateOnly? DataThrough { get; init; }
}
