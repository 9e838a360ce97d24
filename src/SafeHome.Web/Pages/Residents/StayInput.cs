using System.ComponentModel.DataAnnotations;
using SafeHome.Domain.Residents;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Residents;

/// The admission fields shared by intake (first stay) and readmission (a later stay).
public sealed class StayInput
{
    [Required(ErrorMessage = "Enter the admission date.")]
    [Display(Name = "Admission date")]
    public DateOnly? AdmittedOn { get; set; }

    [EnumDataType(typeof(ReferralSource))]
    [Display(Name = "Referral source")]
    public ReferralSource ReferralSource { get; set; }

    [Required(ErrorMessage = "Enter the placing agency.")]
    [StringLength(Stay.MaxLength.PlacingAgency, ErrorMessage = "Use at most {1} characters.")]
    [SingleLine]
    [Display(Name = "Placing agency")]
    public string PlacingAgency { get; set; } = string.Empty;

    [StringLength(Stay.MaxLength.PriorLivingSituation, ErrorMessage = "Use at most {1} characters.")]
    [SingleLine]
    [Display(Name = "Prior living situation")]
    public string? PriorLivingSituation { get; set; }

    public Stay AdmitTo(Resident resident, AdmissionAgeRange ages, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(resident);
        return resident.Admit(AdmittedOn!.Value, ReferralSource, PlacingAgency, PriorLivingSituation, ages, today);
    }
}
