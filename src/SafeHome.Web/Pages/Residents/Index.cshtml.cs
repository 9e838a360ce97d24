using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SafeHome.Data;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Residents;

/// Residents the user may see. Lists show the preferred name only: legal names and case numbers stay on the
/// resident's own page. Searching and paging post the form, so a typed name never lands in a URL, the browser
/// history or a request log; the POST changes nothing, which is why auditors may use it.
[AllowAuditorPost]
public sealed class IndexModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(Name = "q")]
    public string? Query { get; set; }

    [BindProperty(Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(Name = "all")]
    public bool IncludeDischarged { get; set; }

    public Paged<ResidentRow> Residents { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public Task OnPostAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        Today = clock.Today();
        var term = Search.Normalize(Query);
        var residents = db.VisibleResidents(User);
        if (!IncludeDischarged)
        {
            // Through the open-stay index: the list in care grows with today's residents, not with every past one.
            residents = residents.Where(r => db.InCareIds().Contains(r.Id));
        }

        var matching = term == null ? residents : residents.Where(r => r.PreferredName.ToUpper().Contains(term));

        // The row's details (stay, primary counselor) are lookups of their own; they are made for the page's rows
        // only, after the page is chosen by name: in one select SQLite computed them for every resident in care
        // before sorting (issue 16).
        Residents = await Paged.CreateAsync(
            matching.OrderBy(r => r.PreferredName).ThenBy(r => r.Id),
            onePage =>
                from resident in db.Residents
                where onePage.Select(r => r.Id).Contains(resident.Id)
                let current = resident.Stays.Where(s => s.DischargedOn == null).Select(s => (DateOnly?)s.AdmittedOn).FirstOrDefault()
                let primary = resident.Assignments.Where(a => a.IsPrimary).Select(a => a.CounselorId).FirstOrDefault()
                orderby resident.PreferredName, resident.Id
                select new ResidentRow(
                    resident.Id,
                    resident.PreferredName,
                    resident.Pronouns,
                    resident.DateOfBirth,
                    current,
                    db.Users.Where(u => u.Id == primary).Select(u => u.DisplayName).FirstOrDefault()),
            PageNumber);
    }

    public sealed record ResidentRow(Guid Id, string PreferredName, string? Pronouns, DateOnly DateOfBirth, DateOnly? InCareSince, string? PrimaryCounselor);
}
