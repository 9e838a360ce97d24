using System.ComponentModel.DataAnnotations;
using SafeHome.Domain.Residents;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Residents;

/// The demographic fields shared by intake and edit; both page input models derive from it so the fields and
/// their messages are declared once and bind as Input.LegalName, Input.DateOfBirth, ….
public class ResidentDetailsInput
{
    [Required(ErrorMessage = "Enter the resident's legal name.")]
    [StringLength(Resident.MaxLength.LegalName, ErrorMessage = "Use at most {1} characters.")]
    [SingleLine]
    [Display(Name = "Legal name")]
    public string LegalName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Enter the name the resident wants to be called.")]
    [StringLength(Resident.MaxLength.PreferredName, ErrorMessage = "Use at most {1} characters.")]
    [SingleLine]
    [Display(Name = "Preferred or chosen name")]
    public string PreferredName { get; set; } = string.Empty;

    [StringLength(Resident.MaxLength.Pronouns, ErrorMessage = "Use at most {1} characters.")]
    [SingleLine]
    public string? Pronouns { get; set; }

    [Required(ErrorMessage = "Enter the date of birth.")]
    [Display(Name = "Date of birth")]
    public DateOnly? DateOfBirth { get; set; }

    [EnumDataType(typeof(Sex))]
    public Sex Sex { get; set; }

    [StringLength(Resident.MaxLength.GenderIdentity, ErrorMessage = "Use at most {1} characters.")]
    [SingleLine]
    [Display(Name = "Gender identity (optional)")]
    public string? GenderIdentity { get; set; }

    [StringLength(Resident.MaxLength.PrimaryLanguage, ErrorMessage = "Use at most {1} characters.")]
    [SingleLine]
    [Display(Name = "Primary language")]
    public string? PrimaryLanguage { get; set; }

    [Display(Name = "Needs an interpreter")]
    public bool InterpreterNeeded { get; set; }

    [StringLength(Resident.MaxLength.TribalAffiliation, ErrorMessage = "Use at most {1} characters.")]
    [SingleLine]
    [Display(Name = "Tribal affiliation (ICWA)")]
    public string? TribalAffiliation { get; set; }

    [EnumDataType(typeof(CustodyStatus))]
    [Display(Name = "Custody or legal status")]
    public CustodyStatus CustodyStatus { get; set; }

    [StringLength(Resident.MaxLength.CourtCaseNumber, ErrorMessage = "Use at most {1} characters.")]
    [SingleLine]
    [Display(Name = "Court case number")]
    public string? CourtCaseNumber { get; set; }

    public ResidentDetails ToDetails() => new(
        LegalName, PreferredName, Pronouns, DateOfBirth!.Value, Sex, GenderIdentity, PrimaryLanguage,
        InterpreterNeeded, TribalAffiliation, CustodyStatus, CourtCaseNumber);

    public void CopyFrom(Resident resident)
    {
        ArgumentNullException.ThrowIfNull(resident);
        LegalName = resident.LegalName;
        PreferredName = resident.PreferredName;
        Pronouns = resident.Pronouns;
        DateOfBirth = resident.DateOfBirth;
        Sex = resident.Sex;
        GenderIdentity = resident.GenderIdentity;
        PrimaryLanguage = resident.PrimaryLanguage;
        InterpreterNeeded = resident.InterpreterNeeded;
        TribalAffiliation = resident.TribalAffiliation;
        CustodyStatus = resident.CustodyStatus;
        CourtCaseNumber = resident.CourtCaseNumber;
    }
}
