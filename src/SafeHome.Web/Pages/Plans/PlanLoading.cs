using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
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

    /// All versions of one visible resident's plan, newest first (empty when the resident is not visible).
    public static IQueryable<ServicePlan> VisiblePlansOf(this SafeHomeDbContext db, ClaimsPrincipal user, Guid residentId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.ServicePlans.Where(p => p.ResidentId == residentId).WhereVisible(db, user, p => p.ResidentId).OrderByDescending(p => p.VersionNumber);
    }
}
