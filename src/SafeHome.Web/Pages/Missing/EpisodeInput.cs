using System.ComponentModel.DataAnnotations;
using SafeHome.Domain.Missing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Missing;

/// The fields of reporting a youth missing, shared by the form that opens an episode and the one that corrects it, so
/// both ask the same questions with the same limits and messages.
public abstract class EpisodeInput
{
    [Required(ErrorMessage = "Enter when the youth was last seen.")]
    [Display(Name = "Last seen")]
    public DateTime? LastSeenUtc { get; set; }

    [Required(ErrorMessage = "Enter when staff discovered the youth was missing.")]
    [Display(Name = "Discovered missing")]
    public DateTime? DiscoveredMissingUtc { get; set; }

    [Required(ErrorMessage = "Enter when the youth was determined missing.")]
    [Display(Name = "Determined missing")]
    public DateTime? DeterminedMissingUtc { get; set; }

    [Display(Name = "Discovered by")]
    [SingleLine]
    [StringLength(MissingEpisode.MaxLength.Line, ErrorMessage = "Use at most {1} characters.")]
    public string? DiscoveredBy { get; set; }

    [Display(Name = "Circumstances")]
    [MultiLine]
    [StringLength(MissingEpisode.MaxLength.Text, ErrorMessage = "Use at most {1} characters.")]
    public string? Circumstances { get; set; }

    [Display(Name = "Search actions so far")]
    [MultiLine]
    [StringLength(MissingEpisode.MaxLength.Text, ErrorMessage = "Use at most {1} characters.")]
    public string? SearchActions { get; set; }

    [Display(Name = "Belongings taken")]
    [SingleLine]
    [StringLength(MissingEpisode.MaxLength.Line, ErrorMessage = "Use at most {1} characters.")]
    public string? BelongingsTaken { get; set; }

    [Display(Name = "Risk level")]
    [EnumDataType(typeof(MissingRiskLevel), ErrorMessage = "Choose one of the listed risk levels.")]
    public MissingRiskLevel? RiskLevel { get; set; }

    [Display(Name = "Contact with a known exploiter?")]
    public bool? KnownExploiterContact { get; set; }

    [Display(Name = "Pregnant?")]
    public bool? Pregnancy { get; set; }

    [Display(Name = "Needs medication?")]
    public bool? Medications { get; set; }

    [Display(Name = "Suicidality?")]
    public bool? Suicidality { get; set; }

    [Display(Name = "Substance use?")]
    public bool? Substances { get; set; }

    [Display(Name = "Weather exposure?")]
    public bool? WeatherExposure { get; set; }

    [Display(Name = "Phone taken?")]
    public bool? PhoneTaken { get; set; }

    public IEnumerable<(string Name, string Label, bool? Value)> RiskQuestions()
    {
        yield return (nameof(KnownExploiterContact), "Contact with a known exploiter?", KnownExploiterContact);
        yield return (nameof(Pregnancy), "Pregnant?", Pregnancy);
        yield return (nameof(Medications), "Needs medication?", Medications);
        yield return (nameof(Suicidality), "Suicidality?", Suicidality);
        yield return (nameof(Substances), "Substance use?", Substances);
        yield return (nameof(WeatherExposure), "Weather exposure?", WeatherExposure);
        yield return (nameof(PhoneTaken), "Phone taken?", PhoneTaken);
    }

    public EpisodeCircumstances ToCircumstances() => new(
        Circumstances, SearchActions, KnownExploiterContact, Pregnancy, Medications, Suicidality, Substances, WeatherExposure, RiskLevel, BelongingsTaken, PhoneTaken);
}
