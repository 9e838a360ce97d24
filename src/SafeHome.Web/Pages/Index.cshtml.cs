using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages;

public sealed class IndexModel(SafeHomeDbContext db) : PageModel
{
    public int VisibleResidentsInCare { get; private set; }

    /// Account changes waiting for a director: an item on the directors' and auditors' start page.
    public int WaitingAccountChanges { get; private set; }

    public async Task OnGetAsync()
    {
        VisibleResidentsInCare = await db.InCareIds().Distinct().WhereVisible(db, User, id => id).CountAsync();
        if (User.IsInRole(Roles.ProgramDirector) || User.IsInRole(Roles.Auditor))
        {
            WaitingAccountChanges = await db.AccountChangeRequests.CountAsync(r => r.Status == AccountChangeStatus.Open);
        }
    }
}
