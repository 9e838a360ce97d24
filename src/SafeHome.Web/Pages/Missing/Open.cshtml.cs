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
        Input.DiscoveredBy = await MyNameAsync();
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

        if (Input.PoliceNotifiedAtUtc is { } told)
        {
            // Police are often called before anyone reaches a keyboard: the report can carry that call, saved with
            // the episode in one step.
            var police = episode.Notifications.FirstOrDefault(n => n.Recipient == NotificationRecipient.LawEnforcement && n.Phase == NotificationPhase.Onset);
            if (police is null)
            {
                ModelState.AddModelError(string.Empty, "This home's missing-from-care policy has no police notification to record.");
                return Page();
            }

            try
            {
                episode.RecordNotification(
                    police.Id,
                    new NotificationRecord(told, await MyNameAsync(), Input.PoliceMethod!.Value, null, Input.PoliceAgency, Input.PoliceCaseNumber, Input.PoliceOfficerName, Input.PoliceBadgeNumber, null, null),
                    now);
            }
            catch (DomainRuleException ex)
            {
                ModelState.AddModelError(ex.Field.Length == 0 ? string.Empty : $"Input.{nameof(InputModel.PoliceNotifiedAtUtc)}", ex.Message);
                return Page();
            }
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

    /// The signed-in person's display name: who discovered the youth missing (a default) and who called the police.
    private Task<string?> MyNameAsync()
    {
        var userId = User.UserId();
        return db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync();
    }

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

    public sealed class InputModel : EpisodeInput, IValidatableObject
    {
        public Guid SubmissionId { get; set; }

        [Display(Name = "Police told at")]
        public DateTime? PoliceNotifiedAtUtc { get; set; }

        [Display(Name = "How the police were told")]
        [EnumDataType(typeof(NotificationMethod), ErrorMessage = "Choose one of the listed methods.")]
        public NotificationMethod? PoliceMethod { get; set; }

        [SingleLine]
        [StringLength(MissingNotification.FieldMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Police agency")]
        public string? PoliceAgency { get; set; }

        [SingleLine]
        [StringLength(MissingNotification.FieldMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Police case number")]
        public string? PoliceCaseNumber { get; set; }

        [SingleLine]
        [StringLength(MissingNotification.FieldMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Officer name")]
        public string? PoliceOfficerName { get; set; }

        [SingleLine]
        [StringLength(MissingNotification.FieldMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Badge number")]
        public string? PoliceBadgeNumber { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            var anyPolice = PoliceNotifiedAtUtc is not null || PoliceMethod is not null
                || !string.IsNullOrWhiteSpace(PoliceAgency) || !string.IsNullOrWhiteSpace(PoliceCaseNumber)
                || !string.IsNullOrWhiteSpace(PoliceOfficerName) || !string.IsNullOrWhiteSpace(PoliceBadgeNumber);
            if (anyPolice && PoliceNotifiedAtUtc is null)
            {
                yield return new ValidationResult("Enter when the police were told, or clear the police fields.", [nameof(PoliceNotifiedAtUtc)]);
            }

            if (anyPolice && PoliceMethod is null)
            {
                yield return new ValidationResult("Choose how the police were told.", [nameof(PoliceMethod)]);
            }
        }
    }
}
