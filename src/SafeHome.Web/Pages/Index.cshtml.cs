using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages;

public sealed class IndexModel(SafeHomeDbContext db) : PageModel
{
    public int VisibleResidentsInCare { get; private set; }

    public async Task OnGetAsync() =>
        VisibleResidentsInCare = await db.Residents.VisibleTo(User).CountAsync(r => r.Stays.Any(s => s.DischargedOn == null));
}
