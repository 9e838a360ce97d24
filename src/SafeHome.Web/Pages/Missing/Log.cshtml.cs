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

        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.ExpectAndBumpVersion(Episode, Input.Version);
        try
        {
            Episode.AddLocationEntry(Input.Kind!.Value, Input.OccurredAtUtc!.Value, Input.Text, User.UserId(), clock.UtcNow());
            await db.SaveChangesAsync();
        }
        catch (DomainRuleException ex)
        {
            ModelState.AddRuleError(ex);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, "Someone else changed this episode meanwhile. Reload the log and try again.");
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

    public sealed class InputModel
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
