using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

/// Adds an intervention under an objective or edits one (DOMAIN.md §3 Intervention); discontinues it with a
/// reason and moves it among the interventions of its objective.
public sealed class InterventionModel(SafeHomeDbContext db) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ServicePlan Plan { get; private set; } = null!;

    public string PreferredName { get; private set; } = string.Empty;

    /// The objective the intervention belongs to (or is added under).
    public PlanObjective? Objective { get; private set; }

    /// The intervention being edited; null when adding one.
    public PlanIntervention? Intervention { get; private set; }

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? objectiveId, Guid? interventionId)
    {
        if (!await LoadAsync(id, objectiveId, interventionId))
        {
            return NotFound();
        }

        if (Objective is null)
        {
            // Interventions are added from an objective on the plan page, which names it.
            return RedirectToPage("Details", new { id });
        }

        if (Intervention is not null)
        {
            Input.CopyFrom(Intervention);
        }

        Input.Version = Plan.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? objectiveId, Guid? interventionId)
    {
        if (!await LoadAsync(id, objectiveId, interventionId) || Objective is null)
        {
            return NotFound();
        }

        if (!ModelState.GoesOnToSave(Plan))
        {
            return Page();
        }

        var details = Input.ToDetails();
        var (objective, intervention) = (Objective, Intervention);
        return await SaveAsync(
            id,
            objectiveId,
            interventionId,
            () =>
            {
                if (intervention is null)
                {
                    return Plan.AddIntervention(objective.Id, details);
                }

                Plan.UpdateIntervention(intervention.Id, details);
                return intervention;
            },
            intervention is null ? "The intervention is added." : "The intervention is saved.",
            compareFields: intervention is not null);
    }

    public async Task<IActionResult> OnPostDiscontinueAsync(Guid id, Guid? objectiveId, Guid? interventionId)
    {
        if (!await LoadAsync(id, objectiveId, interventionId) || Intervention is null)
        {
            return NotFound();
        }

        KeepOnlyPosted(nameof(InputModel.DiscontinuedReason));
        if (!ModelState.GoesOnToSave(Plan))
        {
            return Page();
        }

        var intervention = Intervention;
        return await SaveAsync(
            id,
            objectiveId,
            interventionId,
            () =>
            {
                Plan.DiscontinueIntervention(intervention.Id, Input.DiscontinuedReason ?? string.Empty);
                return intervention;
            },
            "The intervention is discontinued. It stays in the plan with its reason.",
            compareFields: false);
    }

    public Task<IActionResult> OnPostMoveUpAsync(Guid id, Guid? objectiveId, Guid? interventionId) => MoveAsync(id, objectiveId, interventionId, -1);

    public Task<IActionResult> OnPostMoveDownAsync(Guid id, Guid? objectiveId, Guid? interventionId) => MoveAsync(id, objectiveId, interventionId, 1);

    private async Task<IActionResult> MoveAsync(Guid id, Guid? objectiveId, Guid? interventionId, int direction)
    {
        if (!await LoadAsync(id, objectiveId, interventionId) || Intervention is null)
        {
            return NotFound();
        }

        KeepOnlyPosted(null);
        var intervention = Intervention;
        return await SaveAsync(
            id,
            objectiveId,
            interventionId,
            () =>
            {
                Plan.MoveIntervention(intervention.Id, direction);
                return intervention;
            },
            "The order of the interventions is saved.",
            compareFields: false);
    }

    private async Task<IActionResult> SaveAsync(Guid id, Guid? objectiveId, Guid? interventionId, Func<PlanIntervention> change, string status, bool compareFields)
    {
        // Editing shows the intervention as saved now beside what was typed; discontinuing and moving act on it as it was
        // read, so a stale one is shown again as saved, to be read before acting.
        var acting = !compareFields && Intervention is not null;
        PlanIntervention? saved = null;
        var outcome = await db.SavePlanAsync(
            ModelState,
            Plan,
            Input,
            _ => saved = change(),
            async () => await LoadAsync(id, objectiveId, interventionId) ? Plan : null,
            compareFields ? _ => SavedAsTyped() : null);
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            if (Conflicts.Count > 0 && acting && Intervention is not null)
            {
                Input = SavedAsTyped();
            }

            return Page();
        }

        TempData["Status"] = status;
        return RedirectToPage("Details", null, new { id }, $"intervention-{saved!.LineageId}");
    }

    /// The intervention as saved now, in the form's shape (the reason typed is not part of it).
    private InputModel SavedAsTyped()
    {
        var current = new InputModel { Version = Plan.Version, DiscontinuedReason = Input.DiscontinuedReason };
        current.CopyFrom(Intervention!);
        return current;
    }

    /// Discontinue and move post only the version (and the reason): the rest of the form shows the saved intervention.
    private void KeepOnlyPosted(string? field)
    {
        foreach (var key in ModelState.Keys.Where(k => field is null || k != $"Input.{field}").ToList())
        {
            ModelState.Remove(key);
        }

        var (reason, version) = (Input.DiscontinuedReason, Input.Version);
        Input.CopyFrom(Intervention!);
        Input.DiscontinuedReason = reason;
        Input.Version = version;
    }

    /// False when the plan, the objective or the intervention is not this user's to see, or the intervention is not
    /// under the objective named with it (a child id under the wrong parent).
    private async Task<bool> LoadAsync(Guid id, Guid? objectiveId, Guid? interventionId)
    {
        var plan = await db.FindVisiblePlanAsync(User, id);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        (Objective, Intervention) = (null, null);
        if (interventionId is { } wantedIntervention)
        {
            Intervention = plan.AllObjectives.SelectMany(o => o.Interventions).FirstOrDefault(i => i.Id == wantedIntervention);
            if (Intervention is null)
            {
                return false;
            }

            Objective = plan.AllObjectives.Single(o => o.Id == Intervention.ObjectiveId);
            if (objectiveId is { } named && named != Objective.Id)
            {
                return false;
            }
        }
        else if (objectiveId is { } wantedObjective)
        {
            Objective = plan.AllObjectives.FirstOrDefault(o => o.Id == wantedObjective);
            if (Objective is null)
            {
                return false;
            }
        }

        PreferredName = await db.Residents.Where(r => r.Id == plan.ResidentId).Select(r => r.PreferredName).SingleAsync();
        return true;
    }

    public sealed class InputModel : IVersionedInput
    {
        [Required(ErrorMessage = "Name the kind of intervention.")]
        [StringLength(PlanIntervention.MaxLength.ShortText, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Kind of intervention")]
        public string? Type { get; set; }

        [StringLength(PlanIntervention.MaxLength.ShortText, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Model or curriculum")]
        public string? Model { get; set; }

        [StringLength(PlanIntervention.MaxLength.ShortText, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "How often")]
        public string? Frequency { get; set; }

        [StringLength(PlanIntervention.MaxLength.Provider, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Provider")]
        public string? Provider { get; set; }

        [StringLength(PlanIntervention.MaxLength.ShortText, ErrorMessage = "Use at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Responsible staff")]
        public string? ResponsibleStaff { get; set; }

        [Display(Name = "Starts on")]
        public DateOnly? StartOn { get; set; }

        [Display(Name = "Ends on")]
        public DateOnly? EndOn { get; set; }

        [StringLength(PlanIntervention.MaxLength.Reason, ErrorMessage = "Use at most {1} characters.")]
        [MultiLine]
        [Display(Name = "Why is the intervention discontinued?")]
        public string? DiscontinuedReason { get; set; }

        public long Version { get; set; }

        public InterventionDetails ToDetails() => new(Type ?? string.Empty, Model, Frequency, Provider, ResponsibleStaff, StartOn, EndOn);

        public void CopyFrom(PlanIntervention intervention)
        {
            ArgumentNullException.ThrowIfNull(intervention);
            Type = intervention.Type;
            Model = intervention.Model;
            Frequency = intervention.Frequency;
            Provider = intervention.Provider;
            ResponsibleStaff = intervention.ResponsibleStaff;
            StartOn = intervention.StartOn;
            EndOn = intervention.EndOn;
        }
    }
}
