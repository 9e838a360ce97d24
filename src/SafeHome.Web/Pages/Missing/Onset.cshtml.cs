using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Missing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Missing;

/// Corrects an episode's onset times and what is known of its circumstances (DOMAIN.md §6C step 1). The due times of
/// notifications not yet made follow the corrected clock start.
public sealed class OnsetModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public MissingEpisode Episode { get; private set; } = null!;

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public MissingClockStart ClockStart { get; private set; }

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

        var outcome = await db.SaveAsync(
            ModelState,
            Episode,
            Input,
            async episode =>
            {
                var context = await db.EpisodeContextAsync(episode.ResidentId, episode.Id, clock.LocalTimeZone);
                var policy = await db.PolicyAsync();
                episode.CorrectOnset(
                    new EpisodeOnset(Input.LastSeenUtc!.Value, Input.DiscoveredMissingUtc!.Value, Input.DiscoveredBy, Input.DeterminedMissingUtc!.Value),
                    context,
                    policy,
                    clock.UtcNow());
                episode.UpdateCircumstances(Input.ToCircumstances());
            },
            async () => await LoadAsync(id) ? Episode : null,
            InputModel.From);
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            return Page();
        }

        TempData["Status"] = "The onset and circumstances are updated.";
        return RedirectToPage("/Missing/Episode", new { id });
    }

    /// What a datetime-local input shows: the value typed when the form comes back refused, else the stored time in
    /// the home's wall-clock time, to the minute (the binder reads no seconds fractions).
    public string TimeValue(string key, DateTime? utc) =>
        ModelState.TryGetValue(key, out var entry) && entry.AttemptedValue is { } typed
            ? typed
            : utc is { } value ? clock.ToLocal(value).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : string.Empty;

    private async Task<bool> LoadAsync(Guid id)
    {
        var episode = await db.FindVisibleEpisodeAsync(User, id);
        if (episode is null)
        {
            return false;
        }

        Episode = episode;
        ClockStart = (await db.PolicyAsync()).ClockStart;
        return true;
    }

    public sealed class InputModel : EpisodeInput, IVersionedInput
    {
        public long Version { get; set; }

        public static InputModel From(MissingEpisode episode) => new()
        {
            Version = episode.Version,
            LastSeenUtc = episode.LastSeenUtc,
            DiscoveredMissingUtc = episode.DiscoveredMissingUtc,
            DiscoveredBy = episode.DiscoveredBy,
            DeterminedMissingUtc = episode.DeterminedMissingUtc,
            Circumstances = episode.Circumstances,
            SearchActions = episode.SearchActions,
            BelongingsTaken = episode.BelongingsTaken,
            RiskLevel = episode.RiskLevel,
            KnownExploiterContact = episode.KnownExploiterContact,
            Pregnancy = episode.Pregnancy,
            Medications = episode.Medications,
            Suicidality = episode.Suicidality,
            Substances = episode.Substances,
            WeatherExposure = episode.WeatherExposure,
            PhoneTaken = episode.PhoneTaken,
        };
    }
}
