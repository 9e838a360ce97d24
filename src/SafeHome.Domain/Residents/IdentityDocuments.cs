using System.ComponentModel.DataAnnotations;

namespace SafeHome.Domain.Residents;

/// The documents a youth leaving care should hold (P.L. 113-183; DOMAIN.md §8 M24). Flags, so one column records the
/// whole checklist; a stay with no value recorded is "not recorded", which differs from <see cref="None"/>.
[Flags]
public enum IdentityDocuments
{
    None = 0,
    [Display(Name = "Birth certificate")] BirthCertificate = 1,
    [Display(Name = "Social Security card")] SocialSecurityCard = 2,
    [Display(Name = "Driver's licence or state ID")] StateId = 4,
    [Display(Name = "Health-insurance information")] HealthInsuranceInformation = 8,
    [Display(Name = "Medical records")] MedicalRecords = 16,
}

public static class IdentityDocumentList
{
    public const IdentityDocuments All = IdentityDocuments.BirthCertificate | IdentityDocuments.SocialSecurityCard | IdentityDocuments.StateId
        | IdentityDocuments.HealthInsuranceInformation | IdentityDocuments.MedicalRecords;

    /// Each document on the checklist, in the order forms and reports list them.
    public static IReadOnlyList<IdentityDocuments> Each { get; } =
    [
        IdentityDocuments.BirthCertificate, IdentityDocuments.SocialSecurityCard, IdentityDocuments.StateId,
        IdentityDocuments.HealthInsuranceInformation, IdentityDocuments.MedicalRecords,
    ];
}
