using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

// The one edit cycle of the pages that change one item of a plan version (a strength, goal, objective or
// intervention): find it in a plan the user may see, show it, save the typing through the plan's rules, act on it
// (discontinue, move, remove), and go back to the plan at the item. A page keeps what is its own: where its item and
// parent are, its form, the plan method it calls, its words and its anchor on the plan page.
public abstract class PlanItemPage<TItem, TInput>(SafeHomeDbContext db) : PageModel
    where TItem : class
    where TInput : class, IVersionedInput, new()
{
    private (Guid Plan, Guid? Item, Guid? Parent) loaded;

    [BindProperty]
    public TInput Input { get; set; } = new();

    public ServicePlan Plan { get; private set; } = null!;

    public string PreferredName { get; private set; } = string.Empty;

    // Set after a save that someone else's overtook: what is saved now beside what was typed.
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    // The item being edited or acted on; null when adding one.
    protected TItem? Item { get; private set; }

    // True when the item is added under a parent (an objective under a goal) and none is named.
    protected virtual bool ParentMissing => false;

    protected abstract TItem? FindItem(ServicePlan plan, Guid itemId);

    // Runs after FindItem; false when the parent named is not in the plan or is not the item's own (a child id under
    // the wrong parent), which answers 404 like a missing item.
    protected virtual bool FindParent(ServicePlan plan, Guid? parentId) => true;

    // The item in the form's shape; what the form holds that is not part of the item (a reason) stays as typed.
    protected abstract TInput AsTyped(TItem item);

    protected abstract string Anchor(TItem item);

    protected async Task<IActionResult> ShowAsync(Guid id, Guid? itemId, Guid? parentId = null)
    {
        if (!await LoadAsync(id, itemId, parentId))
        {
            return NotFound();
        }

        if (ParentMissing)
        {
            // Such items are added from their parent on the plan page, which names it.
            return RedirectToPage("Details", new { id });
        }

        Input = Item is null ? new TInput() : AsTyped(Item);
        Input.Version = Plan.Version;
        return Page();
    }

    // Adds the item or saves the typing into it. An edit overtaken by someone else's save comes back with both
    // versions and the typing kept; an add has nothing saved to compare, so it says the plan changed.
    protected async Task<IActionResult> SaveInputAsync(
        Guid id,
        Guid? itemId,
        Guid? parentId,
        Func<ServicePlan, TItem> add,
        Action<ServicePlan, TItem> update,
        (string Added, string Saved) status,
        Action<DomainRuleException>? refused = null)
    {
        if (!await LoadAsync(id, itemId, parentId) || ParentMissing)
        {
            return NotFound();
        }

        if (!ModelState.GoesOnToSave(Plan))
        {
            return Page();
        }

        var item = Item;
        var saved = item;
        var outcome = await db.SavePlanAsync(
            ModelState,
            Plan,
            Input,
            plan =>
            {
                if (item is null)
                {
                    saved = add(plan);
                }
                else
                {
                    update(plan, item);
                }
            },
            ReloadAsync,
            item is null ? null : _ => SavedAsTyped(),
            refused);
        return Saved(outcome, saved, item is null ? status.Added : status.Saved, acting: false);
    }

    // Discontinue, move and remove post only the version (and the reason, keptField): the rest of the form shows the
    // item as saved. They act on the item as it was read, so a stale one is refused and shown again as saved now, to
    // be read before acting.
    protected async Task<IActionResult> ActAsync(Guid id, Guid? itemId, Guid? parentId, string? keptField, Action<ServicePlan, TItem> act, string status)
    {
        if (!await LoadAsync(id, itemId, parentId) || Item is not { } item)
        {
            return NotFound();
        }

        foreach (var key in ModelState.Keys.Where(k => keptField is null || k != $"Input.{keptField}").ToList())
        {
            ModelState.Remove(key);
        }

        var version = Input.Version;
        Input = AsTyped(item);
        Input.Version = version;
        if (!ModelState.GoesOnToSave(Plan))
        {
            return Page();
        }

        var outcome = await db.SavePlanAsync(ModelState, Plan, Input, plan => act(plan, item), ReloadAsync);
        return Saved(outcome, item, status, acting: true);
    }

    private IActionResult Saved(EditOutcome outcome, TItem? item, string status, bool acting)
    {
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            if (acting && Conflicts.Count > 0 && Item is not null)
            {
                Input = SavedAsTyped();
            }

            return Page();
        }

        TempData["Status"] = status;
        return RedirectToPage("Details", null, new { id = Plan.Id }, Anchor(item!));
    }

    private TInput SavedAsTyped()
    {
        var current = AsTyped(Item!);
        current.Version = Plan.Version;
        return current;
    }

    private async Task<ServicePlan?> ReloadAsync() => await LoadAsync(loaded.Plan, loaded.Item, loaded.Parent) ? Plan : null;

    private async Task<bool> LoadAsync(Guid id, Guid? itemId, Guid? parentId)
    {
        loaded = (id, itemId, parentId);
        var plan = await db.FindVisiblePlanAsync(User, id);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        Item = itemId is { } wanted ? FindItem(plan, wanted) : null;
        var parentFound = FindParent(plan, parentId);
        if ((itemId is not null && Item is null) || !parentFound)
        {
            return false;
        }

        PreferredName = await db.Residents.Where(r => r.Id == plan.ResidentId).Select(r => r.PreferredName).SingleAsync();
        return true;
    }
}
