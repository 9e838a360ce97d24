using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Missing;

/// "I have been told": the program director, signed in and seeing the alert, records in one click that the
/// director notification is made, instead of waiting for a counselor to record it for them.
public sealed class ToldModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    public IActionResult OnGet(Guid id) => RedirectToPage("/Missing/Episode", new { id });

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var episode = await db.FindVisibleEpisodeAsync(User, id);
        if (episode is null)
        {
            return NotFound();
        }

        if (ToldNotification(episode) is not { } notification)
        {
            TempData["Status"] = "The director notification is already recorded.";
            return RedirectToPage("/Missing/Episode", new { id });
        }

        var name = (await db.StaffNamesAsync([User.UserId()!])).Values.FirstOrDefault() ?? User.Identity?.Name;
        var now = clock.UtcNow();
        var form = new Stamp { Version = episode.Version };
        var outcome = await db.SaveAsync(
            ModelState,
            episode,
            form,
            saved =>
            {
                saved.RecordNotification(notification.Id, new NotificationRecord(now, name, NotificationMethod.InSafeHome, null, null, null, null, null, null, null), now);
                return Task.CompletedTask;
            },
            async () => await db.FindVisibleEpisodeAsync(User, id),
            saved => new Stamp { Version = saved.Version },
            additive: true);
        TempData["Status"] = outcome.Saved
            ? "Recorded: the program director was told (seen in SafeHome)."
            : "Someone else changed this episode at the same moment; nothing was recorded. Please try again.";
        return RedirectToPage("/Missing/Episode", new { id });
    }

    /// The director notification the clock is still running for, if any.
    public static MissingNotification? ToldNotification(MissingEpisode episode)
    {
        ArgumentNullException.ThrowIfNull(episode);
        return episode.Notifications
            .Where(n => n.Recipient == NotificationRecipient.ProgramDirector && !n.IsSettled && episode.ClockRuns(n))
            .OrderBy(n => n.Phase)
            .FirstOrDefault();
    }

    private sealed class Stamp : IVersionedInput
    {
        public long Version { get; set; }
    }
}
