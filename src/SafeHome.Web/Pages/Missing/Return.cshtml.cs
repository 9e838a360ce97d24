using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Missing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Missing;

/// Records the youth's return (DOMAIN.md §6C step 4), which stops the reporting clocks and starts the debrief, screen
/// and return-notification clocks; once recorded, the same form corrects it.
public sealed class ReturnModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
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

        Input = InputModel.From(Episode);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var correcting = !Episode.IsOpen;
        var outcome = await db.SaveAsync(
            ModelState,
            Episode,
            Input,
            async episode =>
            {
                var context = await db.EpisodeContextAsync(episode.ResidentId, episode.Id, clock.LocalTimeZone);
                var details = new EpisodeReturn(Input.ReturnedUtc!.Value, Input.Type!.Value, Input.FoundZip, Input.MedicalCheckDone, Input.MedicalCheckNotes);
                var policy = await db.PolicyAsync();
                // Whoever saved first decides: a return recorded meanwhile makes this one a correction of it.
                correcting = !episode.IsOpen;
                if (correcting)
                {
                    episode.CorrectReturn(details, context, policy, clock.UtcNow());
                }
                else
                {
                    episode.RecordReturn(details, context, policy, clock.UtcNow());
                }
            },
            async () => await LoadAsync(id) ? Episode : null,
            InputModel.From);
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            return Page();
        }

        TempData["Status"] = correcting ? "The return is corrected." : "The return is recorded and the reporting clocks are stopped.";
        return RedirectToPage("/Missing/Episode", new { id });
    }

    /// A datetime-local value: as typed when the post was refused, so it can be corrected, else the home's local time.
    public string TimeValue(string key, DateTime? utc) =>
        ModelState.TryGetValue(key, out var entry) && entry.AttemptedValue is { } typed ? typed : Notes.NoteForms.LocalInputValue(clock, utc);

    // MissingEpisode.ValidateReturn does not check the stay yet: an episode left open at discharge is censored, so a
    // return after the discharge day belongs to no stay. The discharge day itself still counts.
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

    public sealed class InputModel : IVersionedInput
    {
        public long Version { get; set; }

        /// The form as the saved episode fills it: empty while the youth is still missing.
        public static InputModel From(MissingEpisode episode) => episode.IsOpen
            ? new() { Version = episode.Version }
            : new()
            {
                Version = episode.Version,
                ReturnedUtc = episode.ReturnedUtc,
                Type = episode.ReturnType,
                FoundZip = episode.FoundZip,
                MedicalCheckDone = episode.MedicalCheckDone,
                MedicalCheckNotes = episode.MedicalCheckNotes,
            };

        [Required(ErrorMessage = "Enter when the youth returned.")]
        [Display(Name = "Returned at")]
        public DateTime? ReturnedUtc { get; set; }

        [Required(ErrorMessage = "Choose how the youth returned.")]
        [EnumDataType(typeof(ReturnType), ErrorMessage = "Choose one of the listed return types.")]
        [Display(Name = "Return type")]
        public ReturnType? Type { get; set; }

        [SingleLine]
        [StringLength(MissingEpisode.MaxLength.Zip, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Where found (ZIP code)")]
        public string? FoundZip { get; set; }

        [Display(Name = "Medical check done?")]
        public bool? MedicalCheckDone { get; set; }

        [MultiLine]
        [StringLength(MissingEpisode.MaxLength.Text, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Medical check notes")]
        public string? MedicalCheckNotes { get; set; }
    }
}
