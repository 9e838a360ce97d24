using System.ComponentModel.DataAnnotations;

namespace SafeHome.Domain.Missing;

/// Which onset time starts the reporting clocks (DOMAIN.md §8 conventions, §9).
public enum MissingClockStart
{
    [Display(Name = "Discovered missing")] DiscoveredMissing,
    [Display(Name = "Determined missing (after the local search)")] DeterminedMissing,
}

/// DOMAIN.md §4.
public enum NotificationRecipient
{
    [Display(Name = "Law enforcement")] LawEnforcement,
    [Display(Name = "NCMEC")] Ncmec,
    [Display(Name = "Placing agency caseworker")] PlacingAgencyCaseworker,
    [Display(Name = "Parent or guardian")] ParentGuardian,
    [Display(Name = "GAL or attorney")] GalAttorney,
    Court,
    Probation,
    Tribe,
    [Display(Name = "Program director")] ProgramDirector,
    Licensing,
}

public enum NotificationPhase
{
    [Display(Name = "Missing")] Onset,
    [Display(Name = "Return")] Return,
}

public enum NotificationMethod
{
    Phone,
    [Display(Name = "In person")] InPerson,
    [Display(Name = "Online portal")] OnlinePortal,
    Email,
    Fax,
    Letter,

    /// The program director saw the alert while signed in to SafeHome and recorded it themselves.
    [Display(Name = "Seen in SafeHome")] InSafeHome,
}

/// DOMAIN.md §4 [synthesis, after UK grading].
public enum MissingRiskLevel
{
    Low,
    Medium,
    High,
    Critical,
}

public enum EpisodeStatus
{
    Open,
    Returned,
}

public enum ReturnType
{
    [Display(Name = "Returned on their own")] SelfReturned,
    [Display(Name = "Located by staff")] LocatedByStaff,
    [Display(Name = "Recovered by law enforcement")] LawEnforcementRecovery,
    [Display(Name = "Returned by family")] FamilyReturned,
    Hospital,
    Detention,
    [Display(Name = "Other placement")] OtherPlacement,
    [Display(Name = "Aged out or case closed")] AgedOutOrClosed,
}

public enum LocationEntryKind
{
    [Display(Name = "Location effort")] Effort,
    Sighting,
}

/// DOMAIN.md §4, return interview push factors.
[Flags]
public enum PushFactors
{
    None = 0,
    [Display(Name = "Conflict in placement")] ConflictInPlacement = 1,
    [Display(Name = "Family issues")] FamilyIssues = 2,
    Bullying = 4,
    [Display(Name = "Feeling unsafe")] FeelingUnsafe = 8,
    [Display(Name = "Rules or restrictions")] RulesRestrictions = 16,
}

/// DOMAIN.md §4, return interview pull factors.
[Flags]
public enum PullFactors
{
    None = 0,
    [Display(Name = "Family or friends")] FamilyFriends = 1,
    [Display(Name = "Romantic partner")] RomanticPartner = 2,
    Peers = 4,
    Substances = 8,
    [Display(Name = "Contact with an exploiter")] ExploiterContact = 16,
    Other = 32,
}

public enum DebriefOutcome
{
    Completed,
    [Display(Name = "Declined by the youth")] Declined,
}

/// DOMAIN.md §7: store the result level and metadata only, never item text (Vera TVIT excepted).
public enum ScreenInstrument
{
    [Display(Name = "CSE-IT")] CseIt,
    [Display(Name = "CSE-IT Brief")] CseItBrief,
    [Display(Name = "Vera TVIT (short)")] VeraTvitShort,
    [Display(Name = "Agency tool")] AgencyTool,
}

public enum ScreenResult
{
    [Display(Name = "No concern")] NoConcern,
    [Display(Name = "Possible concern")] PossibleConcern,
    [Display(Name = "Clear concern")] ClearConcern,
}

public enum PlacementDecisionKind
{
    [Display(Name = "Stay in the community")] StayInCommunity,
    [Display(Name = "Place away from the community")] PlaceAwayFromCommunity,
}

public enum DecisionOccasion
{
    Admission,
    [Display(Name = "After a missing episode")] AfterMissingEpisode,
    [Display(Name = "After a disclosure")] AfterDisclosure,
    [Display(Name = "Other change")] Other,
}

public enum ExploitationCertainty
{
    Confirmed,
    Suspected,
}

public enum MissingAlertKind
{
    [Display(Name = "Notification overdue")] NotificationOverdue,
    [Display(Name = "Return debrief overdue")] DebriefOverdue,
    [Display(Name = "Trafficking screen overdue")] ScreenOverdue,
}

public enum FollowUpKind
{
    [Display(Name = "Triggered plan review")] TriggeredReview,
    [Display(Name = "Placement-safety decision")] PlacementDecision,
}
