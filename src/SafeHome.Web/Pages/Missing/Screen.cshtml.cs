using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Missing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Missing;

/// Records the post-return trafficking screen (DOMAIN.md §6C, §7): date, instrument, result level and who screened.
/// Item text is never stored.
public sealed class ScreenModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
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
        Input.ScreenedOn = clock.Today();
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

        db.ExpectAndBumpVersion(Episode, Input.Version);
        try
        {
            Episode.RecordScreen(
                new ScreenDetails(Input.ScreenedOn!.Value, Input.Instrument!.Value, Input.Result!.Value, Input.ScreenedBy),
                User.UserId(),
                clock.Today(),
                clock.LocalTimeZone,
                clock.UtcNow());
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

        TempData["Status"] = "The post-return screen is recorded.";
        return RedirectToPage("/Missing/Episode", new { id });
    }

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

        [Required(ErrorMessage = "Enter the date of the screen.")]
        [Display(Name = "Screened on")]
        public DateOnly? ScreenedOn { get; set; }

        [Required(ErrorMessage = "Choose the instrument.")]
        [EnumDataType(typeof(ScreenInstrument), ErrorMessage = "Choose one of the listed instruments.")]
        public ScreenInstrument? Instrument { get; set; }

        [Required(ErrorMessage = "Choose the result level.")]
        [EnumDataType(typeof(ScreenResult), ErrorMessage = "Choose one of the listed result levels.")]
        [Display(Name = "Result level")]
        public ScreenResult? Result { get; set; }

        [SingleLine]
        [StringLength(TraffickingScreen.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Screened by")]
        public string? ScreenedBy { get; set; }
    }
}
