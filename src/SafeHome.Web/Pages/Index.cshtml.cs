using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Jobs;
using SafeHome.Web.Pages.Start;

namespace SafeHome.Web.Pages;

/// Everyone's start page opens on what needs them now: a counselor's day on their caseload, a director's program, an
/// auditor's integrity and probes, an administrator's accounts and jobs. Each part is loaded only for the role that
/// sees it.
[AllowAuditorPost]
public sealed class IndexModel(SafeHomeDbContext db, TimeProvider clock, PlanScheduleOptions plans, NotesOptions notes, IMemoryCache cache, IServiceProvider services) : PageModel
{
    public const int ResidentMatchesShown = 20;

    public CounselorStart? Counselor { get; private set; }

    public DirectorStart? Director { get; private set; }

    public AuditorStart? Auditor { get; private set; }

    public AdminStart? Admin { get; private set; }

    /// Account changes waiting for a director: an item on the directors' and auditors' start page.
    public int WaitingAccountChanges { get; private set; }

    /// The auditor's resident search, posted so a typed name never lands in a URL; null until they search.
    public string? ResidentQuery { get; private set; }

    public IReadOnlyList<(Guid Id, string PreferredName)>? ResidentMatches { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    /// Auditors find a resident by preferred name and open the timeline; it changes nothing.
    public async Task<IActionResult> OnPostFindResidentAsync(string? q)
    {
        if (!User.IsInRole(Roles.Auditor))
        {
            return Forbid();
        }

        ResidentQuery = q;
        var term = Search.Normalize(q);
        if (term is null)
        {
            ModelState.AddModelError("q", "Type part of a preferred name.");
        }
        else
        {
            ResidentMatches = [.. (await db.Residents.AsNoTracking()
                    .Where(r => r.PreferredName.ToUpper().Contains(term))
                    .OrderBy(r => r.PreferredName).ThenBy(r => r.Id)
                    .Select(r => new { r.Id, r.PreferredName })
                    .Take(ResidentMatchesShown + 1)
                    .ToListAsync())
                .Select(r => (r.Id, r.PreferredName))];
        }

        await LoadAsync();
        return Page();
    }

    /// A director's chart as an SVG image: served on its own, so the page writes no markup it did not build, and an
    /// image can run no script. The same cached charts as the page.
    public async Task<IActionResult> OnGetChartAsync(string? metric)
    {
        if (!User.IsInRole(Roles.ProgramDirector))
        {
            return Forbid();
        }

        var chart = (await DirectorStart.ChartsCachedAsync(db, clock, notes, cache)).FirstOrDefault(c => c.MetricId == metric);
        return chart is null ? NotFound() : Content(chart.Svg, "image/svg+xml");
    }

    private async Task LoadAsync()
    {
        if (User.IsInRole(Roles.Counselor))
        {
            Counselor = await CounselorStart.LoadAsync(db, User, clock, plans, notes);
        }

        if (User.IsInRole(Roles.ProgramDirector))
        {
            Director = await DirectorStart.LoadAsync(db, User, clock, notes, cache);
        }

        if (User.IsInRole(Roles.Auditor))
        {
            Auditor = await AuditorStart.LoadAsync(db, clock);
        }

        if (User.IsInRole(Roles.Admin))
        {
            // Resolved here, not injected: Hangfire's storage is only needed on the administrators' page.
            Admin = await AdminStart.LoadAsync(db, clock, services.GetRequiredService<JobStorage>());
        }

        if (User.IsInRole(Roles.ProgramDirector) || User.IsInRole(Roles.Auditor))
        {
            WaitingAccountChanges = await db.AccountChangeRequests.CountAsync(r => r.Status == AccountChangeStatus.Open);
        }
    }
}
