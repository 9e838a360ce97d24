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
    public static IQueryable<Resident> VisibleTo(this IQueryable<Resident> residents, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(Roles.ProgramDirector) || user.IsInRole(Roles.Auditor))
        {
            return residents;
        }

        if (user.IsInRole(Roles.Counselor))
        {
            var userId = user.UserId();
            return residents.Where(r => r.Assignments.Any(a => a.CounselorId == userId));
        }

        return residents.Where(_ => false);
    }

    /// One resident with stays and caseload, or null when it does not exist or is not visible to the user.
    public static Task<Resident?> FindVisibleAsync(this SafeHomeDbContext db, ClaimsPrincipal user, Guid id)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Residents.VisibleTo(user).Include(r => r.Stays).Include(r => r.Assignments).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id);
    }

    public static string? UserId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirstValue(ClaimTypes.NameIdentifier);
    }
}
