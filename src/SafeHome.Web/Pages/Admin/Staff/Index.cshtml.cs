using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Admin.Staff;

public sealed class IndexModel(SafeHomeDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<StaffRow> Staff { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var term = Search.Normalize(Query);
        var query =
            from user in db.Users
            where term == null || user.NormalizedEmail!.Contains(term) || user.DisplayName.ToUpper().Contains(term)
            orderby user.DisplayName
            select new StaffRow(
                user.Id,
                user.DisplayName,
                user.Email!,
                db.UserRoles.Where(ur => ur.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).FirstOrDefault(),
                user.IsActive);
        Staff = await Paged.CreateAsync(query, PageNumber);
    }

    public sealed record StaffRow(string Id, string DisplayName, string Email, string? Role, bool IsActive);
}
