using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Missing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Missing;

/// Records one notification of an episode (DOMAIN.md §6C step 2): when, how and the reference the recipient gave, or
/// why it was not needed. Without a notification chosen, lists the episode's notifications to choose from.
public sealed class NotifyModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    // Named explicitly: a form that posts none of a model's fields would otherwise bind it from unprefixed keys.
    [BindProperty(Name = nameof(Input))]
    public InputModel Input { get; set; } = new();

    [BindProperty(Name = nameof(NotApplicable))]
    public NotApplicableInputModel NotApplicable { get; set; } = new();

    public MissingEpisode Episode { get; private set; } = null!;

    /// The notification being recorded, or null when the page lists them all.
    public MissingNotification? Notification { get; private set; }

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? notificationId)
    {
        if (!await LoadAsync(id, notificationId))
        {
            return NotFound();
        }

        Input = InputModel.From(Episode, Notification);
        NotApplicable = NotApplicableInputModel.From(Episode, Notification);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? notificationId)
    {
        if (!await LoadAsync(id, notificationId))
        {
            return NotFound();
        }

        ForgetOtherForm(nameof(NotApplicable));
        if (Notification is null)
        {
            ModelState.AddModelError(string.Empty, "Choose the notification to record from the list.");
            return Page();
        }

        var chosen = Notification;
        var outcome = await db.SaveAsync(
            ModelState,
            Episode,
            Input,
            episode =>
            {
                episode.RecordNotification(chosen.Id, Input.ToRecord(chosen.Recipient), clock.UtcNow());
                return Task.CompletedTask;
            },
            async () => await LoadAsync(id, notificationId) ? Episode : null,
            episode => InputModel.From(episode, chosen));
        if (!outcome.Saved)
        {
            // The other form on the page shows the record as it is now, with its version, so it saves too.
            Conflicts = outcome.Conflicts;
            NotApplicable = NotApplicableInputModel.From(Episode, Notification);
            return Page();
        }

        TempData["Status"] = "The notification is recorded.";
        return RedirectToPage("/Missing/Episode", new { id });
    }

    public async Task<IActionResult> OnPostNotApplicableAsync(Guid id, Guid? notificationId)
    {
        if (!await LoadAsync(id, notificationId))
        {
            return NotFound();
        }

        ForgetOtherForm(nameof(Input));
        if (Notification is null)
        {
            ModelState.AddModelError(string.Empty, "Choose the notification from the list.");
            return Page();
        }

        var chosen = Notification;
        var outcome = await db.SaveAsync(
            ModelState,
            Episode,
            NotApplicable,
            episode =>
            {
                episode.MarkNotificationNotApplicable(chosen.Id, NotApplicable.NotApplicableReason ?? string.Empty);
                return Task.CompletedTask;
            },
            async () => await LoadAsync(id, notificationId) ? Episode : null,
            episode => NotApplicableInputModel.From(episode, chosen),
            prefix: nameof(NotApplicable));
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            Input = InputModel.From(Episode, Notification);
            return Page();
        }

        TempData["Status"] = "The notification is marked not applicable.";
        return RedirectToPage("/Missing/Episode", new { id });
    }

    public string Local(DateTime utc) => clock.ToLocal(utc).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// A datetime-local value: as typed when the post was refused, so it can be corrected, else the home's local time.
    public string TimeValue(string key, DateTime? utc) =>
        ModelState.TryGetValue(key, out var entry) && entry.AttemptedValue is { } typed ? typed : Notes.NoteForms.LocalInputValue(clock, utc);

    /// Both forms post to this page; only the one submitted is validated.
    private void ForgetOtherForm(string prefix)
    {
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }
    }

    private async Task<bool> LoadAsync(Guid id, Guid? notificationId)
    {
        var episode = await db.FindVisibleEpisodeAsync(User, id);
        if (episode is null)
        {
            return false;
        }

        Episode = episode;
        Notification = notificationId is { } chosen ? episode.Notifications.FirstOrDefault(n => n.Id == chosen) : null;
        return true;
    }

    public sealed class InputModel : IVersionedInput
    {
        public long Version { get; set; }

        /// The form as the saved notification fills it.
        public static InputModel From(MissingEpisode episode, MissingNotification? chosen) =>
            episode.Notifications.FirstOrDefault(n => n.Id == chosen?.Id) is not { } n
                ? new() { Version = episode.Version }
                : new()
                {
                    Version = episode.Version,
                    NotifiedAtUtc = n.NotifiedAtUtc,
                    NotifiedBy = n.NotifiedBy,
                    Method = n.Method,
                    ContactName = n.ContactName,
                    Agency = n.Agency,
                    CaseNumber = n.CaseNumber,
                    OfficerName = n.OfficerName,
                    BadgeNumber = n.BadgeNumber,
                    NcicNumber = n.NcicNumber,
                    NcmecCaseNumber = n.NcmecCaseNumber,
                };

        [Required(ErrorMessage = "Enter when the recipient was notified.")]
        [Display(Name = "Notified at")]
        public DateTime? NotifiedAtUtc { get; set; }

        [SingleLine]
        [StringLength(MissingNotification.FieldMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Notified by")]
        public string? NotifiedBy { get; set; }

        [Required(ErrorMessage = "Choose how the recipient was notified.")]
        [EnumDataType(typeof(NotificationMethod), ErrorMessage = "Choose one of the listed methods.")]
        public NotificationMethod? Method { get; set; }

        [SingleLine]
        [StringLength(MissingNotification.FieldMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Contact name")]
        public string? ContactName { get; set; }

        [SingleLine]
        [StringLength(MissingNotification.FieldMaxLength, ErrorMessage = "Use at most {1} characters.")]
        public string? Agency { get; set; }

        [SingleLine]
        [StringLength(MissingNotification.FieldMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Case number")]
        public string? CaseNumber { get; set; }

        [SingleLine]
        [StringLength(MissingNotification.FieldMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Officer name")]
        public string? OfficerName { get; set; }

        [SingleLine]
        [StringLength(MissingNotification.FieldMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Badge number")]
        public string? BadgeNumber { get; set; }

        [SingleLine]
        [StringLength(MissingNotification.FieldMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "NCIC number")]
        public string? NcicNumber { get; set; }

        [SingleLine]
        [StringLength(MissingNotification.FieldMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "NCMEC case number")]
        public string? NcmecCaseNumber { get; set; }

        /// Only the references that belong to this recipient are kept, whatever else a forged form carries.
        public NotificationRecord ToRecord(NotificationRecipient recipient)
        {
            var police = recipient == NotificationRecipient.LawEnforcement;
            var ncmec = recipient == NotificationRecipient.Ncmec;
            return new NotificationRecord(
                NotifiedAtUtc!.Value,
                NotifiedBy,
                Method!.Value,
                police ? null : ContactName,
                ncmec ? null : Agency,
                ncmec ? null : CaseNumber,
                police ? OfficerName : null,
                police ? BadgeNumber : null,
                police ? NcicNumber : null,
                ncmec ? NcmecCaseNumber : null);
        }
    }

    public sealed class NotApplicableInputModel : IVersionedInput
    {
        public long Version { get; set; }

        public static NotApplicableInputModel From(MissingEpisode episode, MissingNotification? chosen) => new()
        {
            Version = episode.Version,
            NotApplicableReason = episode.Notifications.FirstOrDefault(n => n.Id == chosen?.Id)?.NotApplicableReason,
        };

        [Required(ErrorMessage = "Say why this notification is not needed.")]
        [MultiLine]
        [StringLength(MissingNotification.ReasonMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Why it is not needed")]
        public string? NotApplicableReason { get; set; }
    }
}
