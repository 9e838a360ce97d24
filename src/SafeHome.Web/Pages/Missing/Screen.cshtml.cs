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

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

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

        var outcome = await db.SaveAsync(
            ModelState,
            Episode,
            Input,
            episode =>
            {
                episode.RecordScreen(
                    new ScreenDetails(Input.ScreenedOn!.Value, Input.Instrument!.Value, Input.Result!.Value, Input.ScreenedBy),
                    User.UserId(),
                    clock.Today(),
                    clock.LocalTimeZone,
                    clock.UtcNow());
                return Task.CompletedTask;
            },
            async () => await LoadAsync(id) ? Episode : null,
            episode => episode.Screen is { } s
                ? new InputModel { Version = episode.Version, ScreenedOn = s.ScreenedOn, Instrument = s.Instrument, Result = s.Result, ScreenedBy = s.ScreenedBy }
                : new InputModel { Version = episode.Version });
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
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

    public sealed class InputModel : IVersionedInput
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
