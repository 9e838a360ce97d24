using System.ComponentModel.DataAnnotations;

namespace SafeHome.Domain.Residents;

public enum Sex
{
    [Display(Name = "Not recorded")] NotRecorded,
    Female,
    Male,
    Intersex,
}

public enum CustodyStatus
{
    [Display(Name = "Not recorded")] NotRecorded,
    Dependency,
    Delinquency,
    Voluntary,
    Other,
}

public enum ReferralSource
{
    [Display(Name = "Child welfare agency")] ChildWelfare,
    [Display(Name = "Law enforcement")] LawEnforcement,
    [Display(Name = "Juvenile court")] JuvenileCourt,
    Hospital,
    [Display(Name = "Community service provider")] ServiceProvider,
    [Display(Name = "Youth or family")] SelfOrFamily,
    Other,
}

public enum DischargeType
{
    Planned,
    Unplanned,
}

/// DOMAIN.md §4, adapted from HMIS "reason for leaving".
public enum DischargeReason
{
    [Display(Name = "Completed program")] CompletedProgram,
    [Display(Name = "Step-down to a less restrictive setting")] StepDownLessRestrictive,
    [Display(Name = "Transfer to a higher level of care")] TransferHigherLevel,
    [Display(Name = "Missing from care, not returned")] MissingNotReturned,
    [Display(Name = "Court order")] CourtOrder,
    Detention,
    [Display(Name = "Aged out")] AgedOut,
    [Display(Name = "Needs not met by the program")] NeedsNotMet,
    Other,
}

public enum DischargeDestination
{
    Reunification,
    [Display(Name = "Relative or kin")] RelativeKin,
    Adoptive,
    Guardianship,
    [Display(Name = "Family foster home")] FamilyFoster,
    [Display(Name = "Group or residential care")] GroupOrResidential,
    [Display(Name = "Supervised independent living")] SupervisedIndependentLiving,
    Shelter,
    [Display(Name = "Psychiatric hospital")] HospitalPsych,
    [Display(Name = "Juvenile detention")] JuvenileDetention,
    [Display(Name = "Unknown (missing)")] UnknownMissing,
    Other,
}

public static class DischargeDestinations
{
    /// The permanency group of DOMAIN.md §4, used by outcome metric M10.
    public static bool IsPermanency(DischargeDestination destination) => destination is
        DischargeDestination.Reunification or DischargeDestination.RelativeKin
        or DischargeDestination.Adoptive or DischargeDestination.Guardianship;
}
