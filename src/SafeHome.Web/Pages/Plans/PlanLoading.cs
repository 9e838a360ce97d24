using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

public static class PlanLoading
{
    /// One plan version with everything in it, or null when it does not exist or its resident is not visible to
    /// the user (the caseload rule, so another counselor's plan answers 404 like a missing one).
    public static Task<ServicePlan?> FindVisiblePlanAsync(this SafeHomeDbContext db, ClaimsPrincipal user, Guid planId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ServicePlans
            .Where(p => p.Id == planId)
            .WhereVisible(db, user, p => p.ResidentId)
            .Include(p => p.Strengths)
            .Include(p => p.Goals).ThenInclude(g => g.Objectives).ThenInclude(o => o.Interventions)
            .Include(p => p.Signatures)
            .Include(p => p.Meeting)
            .AsSplitQuery()
            .FirstOrDefaultAsync();
    }

    /// The edit cycle (<see cref="EditCycle"/>) of the plan's pages. A plan version carries one version number for
    /// all its content, and any change to it by someone else stops a stale save, whichever item it touched: the plan
    /// is written with the youth as one document, so nothing is applied to a plan the person has not seen.
    /// <paramref name="asTyped"/> shows the item as saved now in the form's shape, to set beside the typing; null
    /// when the form has nothing of its own to compare (adding, moving or removing an item).
    public static Task<EditOutcome> SavePlanAsync<TInput>(
        this SafeHomeDbContext db,
        ModelStateDictionary modelState,
        ServicePlan plan,
        TInput typed,
        Action<ServicePlan> change,
        Func<Task<ServicePlan?>> reload,
        Func<ServicePlan, TInput>? asTyped = null,
        Action<DomainRuleException>? refused = null)
        where TInput : class, IVersionedInput
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(change);
        return db.SaveAsync(
            modelState,
            plan,
            typed,
            saved =>
            {
                change(saved);
                return Task.CompletedTask;
            },
            reload,
            asTyped ?? (_ => typed),
            actsOnWhatWasRead: true,
            refused: refused);
    }

    /// Whether a content form goes on to be saved: when the version can still change, only if what was typed is
    /// valid; when it cannot, always, so that the version's own rule refuses it and says why, instead of messages
    /// about fields that could not be saved anyway.
    public static bool GoesOnToSave(this ModelStateDictionary modelState, ServicePlan plan)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IsEditable)
        {
            return modelState.IsValid;
        }

        foreach (var entry in modelState.Values)
        {
            entry.Errors.Clear();
            entry.ValidationState = ModelValidationState.Skipped;
        }

        return true;
    }

    /// All versions of one visible resident's plan, newest first (empty when the resident is not visible).
    public static IQueryable<ServicePlan> VisiblePlansOf(this SafeHomeDbContext db, ClaimsPrincipal user, Guid residentId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ServicePlans.Where(p => p.ResidentId == residentId).WhereVisible(db, user, p => p.ResidentId).OrderByDescending(p => p.VersionNumber);
    }
}
