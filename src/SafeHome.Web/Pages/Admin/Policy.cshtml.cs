using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Missing;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Pages.Missing;
using SafeHome.Web.Pages.Plans;

namespace SafeHome.Web.Pages.Admin;

/// The jurisdiction policy (DOMAIN.md §9): when a missing episode's clocks start and how long each notification, the
/// return debrief and the post-return screen may take. Episodes copy their due times when opened or returned, so a
/// change applies to episodes from then on.
public sealed class PolicyModel(SafeHomeDbContext db) : PageModel
{
    /// 30 days, the most the policy allows for any deadline.
    public const int MaxHours = JurisdictionPolicy.MaxMinutes / 60;

    public static IReadOnlyList<DeadlineRow> Rows { get; } =
    [
        new(nameof(InputModel.LawEnforcement), "Law enforcement report", "Police report for NCIC entry. The federal floor is 24 h; the program's target is stricter.", nameof(PolicyDeadlines.LawEnforcementMinutes), p => p.LawEnforcementMinutes, i => i.LawEnforcement),
        new(nameof(InputModel.Ncmec), "NCMEC", "Federal law: within 24 h.", nameof(PolicyDeadlines.NcmecMinutes), p => p.NcmecMinutes, i => i.Ncmec),
        new(nameof(InputModel.Caseworker), "Placing agency caseworker", null, nameof(PolicyDeadlines.CaseworkerMinutes), p => p.CaseworkerMinutes, i => i.Caseworker),
        new(nameof(InputModel.Guardian), "Parent or guardian", null, nameof(PolicyDeadlines.GuardianMinutes), p => p.GuardianMinutes, i => i.Guardian),
        new(nameof(InputModel.Gal), "GAL or attorney", null, nameof(PolicyDeadlines.GalMinutes), p => p.GalMinutes, i => i.Gal),
        new(nameof(InputModel.Court), "Court", "Some states count business days; enter the longest time that still meets them.", nameof(PolicyDeadlines.CourtMinutes), p => p.CourtMinutes, i => i.Court),
        new(nameof(InputModel.Director), "Program director", null, nameof(PolicyDeadlines.DirectorMinutes), p => p.DirectorMinutes, i => i.Director),
        new(nameof(InputModel.Debrief), "Return debrief offered", "Counted from the return.", nameof(PolicyDeadlines.DebriefMinutes), p => p.DebriefMinutes, i => i.Debrief),
        new(nameof(InputModel.Screen), "Post-return trafficking screen", "Counted from the return.", nameof(PolicyDeadlines.ScreenMinutes), p => p.ScreenMinutes, i => i.Screen),
    ];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// The policy as saved now, shown beside the form.
    public JurisdictionPolicy Saved { get; private set; } = null!;

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Saved = await LoadAsync();
        Input = InputModel.From(Saved);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Saved = await LoadAsync();
        RefuseNonDecimalNumbers();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await db.SaveAsync(
            ModelState,
            Saved,
            Input,
            saved =>
            {
                try
                {
                    saved.Update(Input.ToDeadlines());
                }
                catch (DomainRuleException ex)
                {
                    // The entity names its minute totals; on the form each total is one row of hours and minutes.
                    throw new DomainRuleException(Rows.FirstOrDefault(r => r.DomainField == ex.Field)?.Key ?? ex.Field, ex.Message);
                }

                return Task.CompletedTask;
            },
            async () => Saved = await LoadAsync(),
            InputModel.From,
            compare: CompareWithSaved);
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            return Page();
        }

        TempData["Status"] = "The policy is saved. Episodes opened or returned from now on use it.";
        return RedirectToPage();
    }

    /// "2 h", "1 d 12 h", "45 min".
    public static string Human(int minutes) => EpisodeModel.Span(TimeSpan.FromMinutes(minutes));

    /// The number binder also reads "0x10" and "#10" as hexadecimal; a deadline typed that way is surely a mistake.
    private void RefuseNonDecimalNumbers()
    {
        foreach (var key in Rows.SelectMany(r => new[] { $"Input.{r.Key}.Hours", $"Input.{r.Key}.Minutes" }))
        {
            if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count == 0
                && entry.AttemptedValue?.Trim() is { Length: > 0 } typed
                && !typed.TrimStart('-', '+').All(char.IsAsciiDigit))
            {
                ModelState.AddModelError(key, "Enter a whole number in digits, for example 24.");
            }
        }
    }

    private async Task<JurisdictionPolicy> LoadAsync()
    {
        var policy = await db.JurisdictionPolicies.FirstOrDefaultAsync(p => p.Id == JurisdictionPolicy.DefaultId);
        if (policy is null)
        {
            // The migration seeds the row; should it be gone, saving recreates it from the program's defaults.
            policy = JurisdictionPolicy.CreateDefault();
            db.JurisdictionPolicies.Add(policy);
        }

        return policy;
    }

    private static IReadOnlyList<ConflictField> CompareWithSaved(JurisdictionPolicy saved, InputModel yours)
    {
        var fields = new List<ConflictField>();
        void Add(string label, string savedText, string yourText)
        {
            if (savedText != yourText)
            {
                fields.Add(new ConflictField(label, savedText, yourText));
            }
        }

        Add("Policy name", saved.Name, Text.Clean(yours.Name));
        Add("The clocks start at", saved.ClockStart.Display(), yours.ClockStart is { } start ? start.Display() : "—");
        foreach (var row in Rows)
        {
            var input = row.Input(yours);
            Add(row.Label, Human(row.Saved(saved)), input.Hours is null ? "—" : Human(input.TotalMinutes));
        }

        return fields;
    }

    public sealed record DeadlineRow(string Key, string Label, string? Hint, string DomainField, Func<JurisdictionPolicy, int> Saved, Func<InputModel, DurationInput> Input);

    public sealed class InputModel : IVersionedInput
    {
        public long Version { get; set; }

        [Required(ErrorMessage = "Name the policy (for example the county or state).")]
        [SingleLine]
        [StringLength(JurisdictionPolicy.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Policy name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Choose when the clocks start.")]
        [EnumDataType(typeof(MissingClockStart), ErrorMessage = "Choose one of the listed times.")]
        [Display(Name = "The clocks start at")]
        public MissingClockStart? ClockStart { get; set; }

        public DurationInput LawEnforcement { get; set; } = new();
        public DurationInput Ncmec { get; set; } = new();
        public DurationInput Caseworker { get; set; } = new();
        public DurationInput Guardian { get; set; } = new();
        public DurationInput Gal { get; set; } = new();
        public DurationInput Court { get; set; } = new();
        public DurationInput Director { get; set; } = new();
        public DurationInput Debrief { get; set; } = new();
        public DurationInput Screen { get; set; } = new();

        public static InputModel From(JurisdictionPolicy policy)
        {
            ArgumentNullException.ThrowIfNull(policy);
            var input = new InputModel { Version = policy.Version, Name = policy.Name, ClockStart = policy.ClockStart };
            foreach (var row in Rows)
            {
                row.Input(input).Set(row.Saved(policy));
            }

            return input;
        }

        public PolicyDeadlines ToDeadlines() => new(
            Name,
            ClockStart!.Value,
            LawEnforcement.TotalMinutes,
            Ncmec.TotalMinutes,
            Caseworker.TotalMinutes,
            Guardian.TotalMinutes,
            Gal.TotalMinutes,
            Court.TotalMinutes,
            Director.TotalMinutes,
            Debrief.TotalMinutes,
            Screen.TotalMinutes);
    }

    /// A deadline as people think of it: hours, plus minutes when it is not whole hours.
    public sealed class DurationInput
    {
        [Required(ErrorMessage = "Enter the hours (0 for less than an hour).")]
        [Range(0, MaxHours, ErrorMessage = "Enter whole hours from {1} to {2} (30 days).")]
        [Display(Name = "hours")]
        public int? Hours { get; set; }

        [Range(0, 59, ErrorMessage = "Enter minutes from {1} to {2}.")]
        [Display(Name = "minutes")]
        public int? Minutes { get; set; }

        /// Both parts are range-checked before this is read, so it cannot overflow.
        public int TotalMinutes => ((Hours ?? 0) * 60) + (Minutes ?? 0);

        public void Set(int minutes)
        {
            Hours = minutes / 60;
            Minutes = minutes % 60;
        }
    }
}
