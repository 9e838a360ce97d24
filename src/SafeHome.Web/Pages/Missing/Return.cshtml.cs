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

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input.Version = Episode.Version;
        if (!Episode.IsOpen)
        {
            Input.ReturnedUtc = Episode.ReturnedUtc;
            Input.Type = Episode.ReturnType;
            Input.FoundZip = Episode.FoundZip;
            Input.MedicalCheckDone = Episode.MedicalCheckDone;
            Input.MedicalCheckNotes = Episode.MedicalCheckNotes;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var correcting = !Episode.IsOpen;
        db.ExpectAndBumpVersion(Episode, Input.Version);
        try
        {
            var context = await db.EpisodeContextAsync(Episode.ResidentId, Episode.Id, clock.LocalTimeZone);
            var details = new EpisodeReturn(Input.ReturnedUtc!.Value, Input.Type!.Value, Input.FoundZip, Input.MedicalCheckDone, Input.MedicalCheckNotes);
            var policy = await db.PolicyAsync();
            if (correcting)
            {
                Episode.CorrectReturn(details, context, policy, clock.UtcNow());
            }
            else
            {
                Episode.RecordReturn(details, context, policy, clock.UtcNow());
            }

            await db.SaveChangesAsync();
        }
        catch (DomainRuleException ex)
        {
            ModelState.AddRuleError(ex);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, "Someone else changed this episode meanwhile. Reload the episode and try again.");
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

    public sealed class InputModel
    {
        public long Version { get; set; }

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
