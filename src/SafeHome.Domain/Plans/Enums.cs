using System.ComponentModel.DataAnnotations;

namespace SafeHome.Domain.Plans;

/// DOMAIN.md §4. Only DRAFT, IN_REVIEW_WITH_YOUTH and RETURNED_FOR_REVISION versions can be edited.
public enum PlanStatus
{
    Draft,
    [Display(Name = "In review with the youth")] InReviewWithYouth,
    [Display(Name = "Waiting for signatures")] PendingSignatures,
    [Display(Name = "Waiting for approval")] PendingApproval,
    Active,
    Superseded,
    Closed,
    [Display(Name = "Returned for revision")] ReturnedForRevision,
}

public enum PlanDomain
{
    Safety,
    [Display(Name = "Physical health")] PhysicalHealth,
    [Display(Name = "Sexual and reproductive health")] SexualReproductiveHealth,
    [Display(Name = "Mental health")] MentalHealth,
    [Display(Name = "Substance use")] SubstanceUse,
    Education,
    [Display(Name = "Employment and vocational")] EmploymentVocational,
    [Display(Name = "Family relationships")] FamilyRelationships,
    [Display(Name = "Social support")] SocialSupport,
    [Display(Name = "Legal and court")] LegalCourt,
    [Display(Name = "Identity documents")] IdentityDocuments,
    [Display(Name = "Basic needs")] BasicNeeds,
    [Display(Name = "Independent living and life skills")] IndependentLivingLifeSkills,
    [Display(Name = "Culture, identity and spirituality")] CultureIdentitySpirituality,
    [Display(Name = "Normalcy and recreation")] NormalcyRecreation,
    [Display(Name = "Transition and aftercare")] TransitionAftercare,
}

public enum GoalStatus
{
    [Display(Name = "Not started")] NotStarted,
    [Display(Name = "In progress")] InProgress,
    Achieved,
    [Display(Name = "Partially achieved")] PartiallyAchieved,
    [Display(Name = "Not achieved")] NotAchieved,
    Discontinued,
    Deferred,
}

public enum GoalPriority
{
    High = 1,
    Medium = 2,
    Low = 3,
}

public enum MetricType
{
    Count,
    Frequency,
    Percent,
    [Display(Name = "Yes / no")] YesNo,
}

public enum ResponsibleParty
{
    Youth,
    Staff,
    External,
}

public enum StrengthSource
{
    Youth,
    Family,
    Community,
}

public enum StageOfChange
{
    [Display(Name = "Not recorded")] NotRecorded,
    Precontemplation,
    Contemplation,
    Preparation,
    Action,
    Maintenance,
}

public enum SignerRole
{
    Youth,
    Counselor,
    [Display(Name = "Parent or guardian")] Guardian,
    [Display(Name = "Placing caseworker")] PlacingCaseworker,
}

public enum SignatureMethod
{
    [Display(Name = "Signed in SafeHome")] ElectronicSignature,
    [Display(Name = "Signed on paper (scanned)")] WetSignatureScanned,
}

public enum MeetingModality
{
    [Display(Name = "In person")] InPerson,
    Video,
    Phone,
    [Display(Name = "Not present")] NotPresent,
}

public enum ReviewType
{
    Initial,
    Scheduled,
    Triggered,
    Discharge,
}

/// The events that call for a review outside the schedule (DOMAIN.md §6B); later features raise them.
public enum ReviewTrigger
{
    [Display(Name = "Missing-from-care episode")] MissingEpisode,
    [Display(Name = "Re-exploitation disclosure")] ReExploitationDisclosure,
    Hospitalisation,
    [Display(Name = "Court change")] CourtChange,
    [Display(Name = "Placement-safety change")] PlacementSafetyChange,
}

/// Goal Attainment Scaling levels, −2 (much less than expected) to +2 (much more than expected).
public enum GasLevel
{
    [Display(Name = "−2 much less than expected")] MuchLess = -2,
    [Display(Name = "−1 less than expected")] Less = -1,
    [Display(Name = "0 as expected")] Expected = 0,
    [Display(Name = "+1 more than expected")] More = 1,
    [Display(Name = "+2 much more than expected")] MuchMore = 2,
}
