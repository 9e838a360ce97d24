using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;

namespace SafeHome.Web.Infrastructure;

public static class ResidentVisibility
{
    /// The one caseload rule, used by lists and by every single-record load: directors and auditors see every
    /// resident, counselors only those assigned to them, everyone else no one. A resident filtered out here
    /// answers 404, so its existence is not revealed.
    ///
    /// For a counselor the rule is a semi-join on their own assignments (`ResidentId IN (SELECT ResidentId FROM
    /// CaseloadAssignments WHERE CounselorId = @u)`, one index search), never a check run against every resident the
    /// program ever admitted: the cost follows the caseload, not the program's history (issue 16).
    public static IQueryable<T> WhereVisible<T>(this IQueryable<T> rows, SafeHomeDbContext db, ClaimsPrincipal user, Expression<Func<T, Guid>> residentId)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(residentId);
        if (SeesEveryone(user))
        {
            return rows;
        }

        if (!user.IsInRole(Roles.Counselor))
        {
            return rows.Where(_ => false);
        }

        var userId = user.UserId();
        var caseload = db.CaseloadAssignments.Where(a => a.CounselorId == userId).Select(a => a.ResidentId);
        Expression<Func<Guid, bool>> assigned = id => caseload.Contains(id);
        var row = residentId.Parameters[0];
        var body = new ReplaceParameter(assigned.Parameters[0], residentId.Body).Visit(assigned.Body);
        return rows.Where(Expression.Lambda<Func<T, bool>>(body, row));
    }

    /// The residents the user may see.
    public static IQueryable<Resident> VisibleResidents(this SafeHomeDbContext db, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Residents.WhereVisible(db, user, r => r.Id);
    }

    /// Ids of residents with an open stay: the residents in care today, found through the open-stay index rather than
    /// by checking every resident ever admitted.
    public static IQueryable<Guid> InCareIds(this SafeHomeDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Stays.Where(s => s.DischargedOn == null).Select(s => s.ResidentId);
    }

    /// One resident with stays and caseload, or null when it does not exist or is not visible to the user.
    public static Task<Resident?> FindVisibleAsync(this SafeHomeDbContext db, ClaimsPrincipal user, Guid id)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.VisibleResidents(user).Where(r => r.Id == id).Include(r => r.Stays).Include(r => r.Assignments).AsSingleQuery().FirstOrDefaultAsync();
    }

    public static string? UserId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.NameIdentifier);
    }

    private static bool SeesEveryone(ClaimsPrincipal user) => user.IsInRole(Roles.ProgramDirector) || user.IsInRole(Roles.Auditor);

    private sealed class ReplaceParameter(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
