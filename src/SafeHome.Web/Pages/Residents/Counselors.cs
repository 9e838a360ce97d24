using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Staff;

namespace SafeHome.Web.Pages.Residents;

/// Active counselors, for the caseload pickers and for checking that a posted id really is one.
public static class Counselors
{
    public static Task<List<SelectListItem>> OptionsAsync(SafeHomeDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return ActiveCounselors(db)
            .OrderBy(u => u.DisplayName)
            .Select(u => new SelectListItem(u.DisplayName, u.Id))
            .ToListAsync();
    }

    public static async Task<bool> AreActiveCounselorsAsync(SafeHomeDbContext db, IReadOnlyCollection<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var distinct = ids.Distinct().ToList();
        return await ActiveCounselors(db).CountAsync(u => distinct.Contains(u.Id)) == distinct.Count;
    }

    private static IQueryable<SafeHomeUser> ActiveCounselors(SafeHomeDbContext db) =>
        from user in db.Users
        where user.IsActive
        join userRole in db.UserRoles on user.Id equals userRole.UserId
        join role in db.Roles on userRole.RoleId equals role.Id
        where role.Name == Roles.Counselor
        select user;
}
