using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Missing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Missing;

/// The location log of an episode (DOMAIN.md §6C): every effort to find the youth and every sighting, oldest first,
/// and a form to add one.
public sealed class LogModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
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
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        // Adding an entry overwrites nothing: an entry added meanwhile by someone else is simply kept beside it.
        var outcome = await db.SaveAsync(
            ModelState,
            Episode,
            Input,
            episode =>
            {
                episode.AddLocationEntry(Input.Kind!.Value, Input.OccurredAtUtc!.Value, Input.Text, User.UserId(), clock.UtcNow());
                return Task.CompletedTask;
            },
            async () => await LoadAsync(id) ? Episode : null,
            episode => new InputModel { Version = episode.Version },
            additive: true);
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            return Page();
        }

        TempData["Status"] = "The entry is added to the location log.";
        return RedirectToPage("/Missing/Log", new { id });
    }

    public string Local(DateTime utc) => clock.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

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

        [Required(ErrorMessage = "Choose effort or sighting.")]
        [EnumDataType(typeof(LocationEntryKind), ErrorMessage = "Choose one of the listed kinds.")]
        public LocationEntryKind? Kind { get; set; }

        [Required(ErrorMessage = "Enter when it happened.")]
        [Display(Name = "When")]
        public DateTime? OccurredAtUtc { get; set; }

        [Required(ErrorMessage = "Describe the effort or sighting.")]
        [MultiLine]
        [StringLength(LocationEntry.TextMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "What was done or seen")]
        public string? Text { get; set; }
    }
}
