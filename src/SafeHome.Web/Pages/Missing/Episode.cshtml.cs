using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Missing;

/// One missing episode: onset times, the reporting clocks counted down on the server, and what has been recorded.
public sealed class EpisodeModel(SafeHomeDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public MissingEpisode Episode { get; private set; } = null!;

    public string ResidentName { get; private set; } = string.Empty;

    public DateTime NowUtc { get; private set; }

    public bool CanWrite => User.IsInRole(Roles.ProgramDirector) || User.IsInRole(Roles.Counselor);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var episode = await db.FindVisibleEpisodeAsync(User, id);
        if (episode is null)
        {
            return NotFound();
        }

        Episode = episode;
        ResidentName = (await ResidentVisibility.FindVisibleAsync(db, User, episode.ResidentId))?.PreferredName ?? string.Empty;
        NowUtc = clock.UtcNow();
        await audit.RecordForResidentAsync(AuditActions.View, nameof(MissingEpisode), id.ToString(), episode.ResidentId);
        return Page();
    }

    public string Local(DateTime utc) => clock.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public string Local(DateTime? utc) => utc is { } value ? Local(value) : "—";

    /// "1 h 12 min", "3 h", "2 d 4 h": whole minutes, rounded down, largest units first.
    public static string Span(TimeSpan span)
    {
        var minutes = (long)Math.Floor(Math.Abs(span.TotalMinutes));
        var days = minutes / (24 * 60);
        var hours = minutes / 60 % 24;
        var mins = minutes % 60;
        var parts = new List<string>();
        if (days > 0)
        {
            parts.Add($"{days} d");
        }

        if (hours > 0)
        {
            parts.Add($"{hours} h");
        }

        if (mins > 0 || parts.Count == 0)
        {
            parts.Add($"{mins} min");
        }

        return string.Join(' ', parts);
    }
}
