using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Missing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Missing;

/// Reports a resident missing (DOMAIN.md §6C step 1): three times open the episode and start the reporting clocks;
/// everything else can follow. The submission id makes a double submit open one episode.
public sealed class OpenModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ResidentName { get; private set; } = string.Empty;

    public MissingClockStart ClockStart { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid residentId)
    {
        if (!await LoadAsync(residentId))
        {
            return NotFound();
        }

        Input.SubmissionId = Guid.CreateVersion7();
        var userId = User.UserId();
        Input.DiscoveredBy = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid residentId)
    {
        if (!await LoadAsync(residentId))
        {
            return NotFound();
        }

        if (Input.SubmissionId != Guid.Empty && await db.MissingEpisodes.AnyAsync(e => e.Id == Input.SubmissionId))
        {
            return await ExistingSubmissionAsync(residentId);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.UtcNow();
        MissingEpisode episode;
        try
        {
            var context = await db.EpisodeContextAsync(residentId, null, clock.LocalTimeZone);
            var policy = await db.PolicyAsync();
            episode = MissingEpisode.Open(
                residentId,
                new EpisodeOnset(Input.LastSeenUtc!.Value, Input.DiscoveredMissingUtc!.Value, Input.DiscoveredBy, Input.DeterminedMissingUtc!.Value),
                context,
                policy,
                User.UserId(),
                now,
                Input.SubmissionId);
            episode.UpdateCircumstances(Input.ToCircumstances());
        }
        catch (DomainRuleException ex)
        {
            ModelState.AddRuleError(ex);
            return Page();
        }

        db.MissingEpisodes.Add(episode);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // A second click raced the first one to the insert; show the episode the first one opened.
            db.ChangeTracker.Clear();
            if (!await db.MissingEpisodes.AnyAsync(e => e.Id == Input.SubmissionId))
            {
                throw;
            }

            return await ExistingSubmissionAsync(residentId);
        }

        TempData["Status"] = "The episode is open and the reporting clocks are running.";
        return RedirectToPage("Episode", new { id = episode.Id });
    }

    private async Task<IActionResult> ExistingSubmissionAsync(Guid residentId) =>
        await db.MissingEpisodes.AnyAsync(e => e.Id == Input.SubmissionId && e.ResidentId == residentId)
            ? RedirectToPage("Episode", new { id = Input.SubmissionId })
            : NotFound();

    private async Task<bool> LoadAsync(Guid residentId)
    {
        var resident = await ResidentVisibility.FindVisibleAsync(db, User, residentId);
        if (resident is null)
        {
            return false;
        }

        ResidentName = resident.PreferredName;
        ClockStart = (await db.PolicyAsync()).ClockStart;
        return true;
    }

    public sealed class InputModel : EpisodeInput
    {
        public Guid SubmissionId { get; set; }
    }
}
