using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Missing;

/// Records the return debrief (DOMAIN.md §6C step 5): completed, or declined with the youth's reason. A completed
/// debrief asks for a triggered plan review and a new placement-safety decision.
public sealed class DebriefModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public MissingEpisode Episode { get; private set; } = null!;

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var now = clock.UtcNow();
        Input.Version = Episode.Version;
        Input.HeldAtUtc = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var now = clock.UtcNow();
        var completed = false;
        var outcome = await db.SaveAsync(
            ModelState,
            Episode,
            Input,
            async episode =>
            {
                completed = episode.RecordDebrief(Input.ToDetails(), User.UserId(), now);
                if (completed)
                {
                    // Raised in the same save as the debrief, so a debrief is never stored without its follow-ups.
                    await db.RaiseFollowUpsAsync(episode.ResidentId, ReviewTrigger.MissingEpisode, episode.Id, now);
                }
            },
            async () => await LoadAsync(id) ? Episode : null,
            InputModel.From);
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            return Page();
        }

        TempData["Status"] = completed
            ? "The debrief is recorded. A plan review and a placement-safety decision are now due."
            : "The declined debrief is recorded as offered.";
        return RedirectToPage("/Missing/Episode", new { id });
    }

    /// What a datetime-local input shows: the value typed when the form comes back refused, else the home's
    /// wall-clock time to the minute.
    public string TimeValue(string key, DateTime? utc) =>
        ModelState.TryGetValue(key, out var entry) && entry.AttemptedValue is { } typed
            ? typed
            : utc is { } value ? clock.ToLocal(value).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : string.Empty;

    public string Local(DateTime utc) => clock.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private async Task<bool> LoadAsync(Guid id)
    {
        var episode = await db.FindVisibleEpisodeAsync(User, id);
        if (episode is null)
        {
            return false;
        }

        Episode = episode;
        return true;
    }

    public sealed class InputModel : IValidatableObject, IVersionedInput
    {
        public long Version { get; set; }

        /// The debrief as saved, to set beside what was typed when someone else recorded one first.
        public static InputModel From(MissingEpisode episode) => episode.Debrief is not { } d
            ? new() { Version = episode.Version }
            : new()
            {
                Version = episode.Version,
                HeldAtUtc = d.HeldAtUtc,
                Outcome = d.Outcome,
                DeclinedReason = d.DeclinedReason,
                ConductedBy = d.ConductedBy,
                ConductedByDirectCarer = d.ConductedByDirectCarer,
                PushFactors = [.. Enum.GetValues<PushFactors>().Where(f => f != Domain.Missing.PushFactors.None && d.PushFactors.HasFlag(f))],
                PullFactors = [.. Enum.GetValues<PullFactors>().Where(f => f != Domain.Missing.PullFactors.None && d.PullFactors.HasFlag(f))],
                Experiences = d.Experiences,
                HarmReported = d.HarmReported,
                HarmDetails = d.HarmDetails,
                Referrals = d.Referrals,
            };

        [Required(ErrorMessage = "Enter when the debrief was held or offered.")]
        [Display(Name = "Held or offered at")]
        public DateTime? HeldAtUtc { get; set; }

        [Required(ErrorMessage = "Choose whether the debrief was completed or declined.")]
        [EnumDataType(typeof(DebriefOutcome), ErrorMessage = "Choose one of the listed outcomes.")]
        public DebriefOutcome? Outcome { get; set; }

        [MultiLine]
        [StringLength(ReturnDebrief.TextMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "The youth's reason for declining")]
        public string? DeclinedReason { get; set; }

        [SingleLine]
        [StringLength(MissingEpisode.MaxLength.Line, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Conducted by")]
        public string? ConductedBy { get; set; }

        [Display(Name = "Conducted by the youth's direct carer")]
        public bool ConductedByDirectCarer { get; set; }

        [Display(Name = "Push factors (reasons to leave)")]
        public List<PushFactors> PushFactors { get; set; } = [];

        [Display(Name = "Pull factors (reasons to go)")]
        public List<PullFactors> PullFactors { get; set; } = [];

        [MultiLine]
        [StringLength(ReturnDebrief.TextMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Experiences while absent")]
        public string? Experiences { get; set; }

        [Display(Name = "Harm reported?")]
        public bool? HarmReported { get; set; }

        [MultiLine]
        [StringLength(ReturnDebrief.TextMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "What is needed for care after the harm")]
        public string? HarmDetails { get; set; }

        [MultiLine]
        [StringLength(ReturnDebrief.TextMaxLength, ErrorMessage = "Use at most {1} characters.")]
        public string? Referrals { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            // A flags enum binds any number; only the listed single factors may be ticked.
            if (PushFactors.Any(f => f == Domain.Missing.PushFactors.None || !Enum.IsDefined(f)))
            {
                yield return new ValidationResult("Choose only the listed push factors.", [nameof(PushFactors)]);
            }

            if (PullFactors.Any(f => f == Domain.Missing.PullFactors.None || !Enum.IsDefined(f)))
            {
                yield return new ValidationResult("Choose only the listed pull factors.", [nameof(PullFactors)]);
            }
        }

        public DebriefDetails ToDetails() => new(
            HeldAtUtc!.Value,
            Outcome!.Value,
            DeclinedReason,
            ConductedBy,
            ConductedByDirectCarer,
            PushFactors.Aggregate(Domain.Missing.PushFactors.None, (all, f) => all | f),
            PullFactors.Aggregate(Domain.Missing.PullFactors.None, (all, f) => all | f),
            Experiences,
            HarmReported,
            HarmDetails,
            Referrals);
    }
}
