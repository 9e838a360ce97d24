using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Jobs;

namespace SafeHome.Web.Pages.Residents;

public enum ResidentFilter
{
    None,
    MissingNow,
    ReviewDue,
    PlanMissing,
}

public enum ResidentSort
{
    Name,
    Status,
    ReviewDue,
    LastNote,
    UnsignedNotes,
}

/// Residents the user may see, with their status at a glance. Lists show the preferred name only: legal names and
/// case numbers stay on the resident's own page. Searching and paging post the form, so a typed name never lands in a
/// URL, the browser history or a request log; the POST changes nothing, which is why auditors may use it. The filter
/// and the sort name no one, so start pages link to them.
[AllowAuditorPost]
public sealed class IndexModel(SafeHomeDbContext db, TimeProvider clock, PlanScheduleOptions plans, NotesOptions notes) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(Name = "q")]
    public string? Query { get; set; }

    [BindProperty(Name = "p")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(Name = "all")]
    public bool IncludeDischarged { get; set; }

    [BindProperty(Name = "show", SupportsGet = true)]
    public ResidentFilter Filter { get; set; }

    [BindProperty(Name = "sort", SupportsGet = true)]
    public ResidentSort Sort { get; set; }

    public Paged<ResidentStatusRow> Residents { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public int DueSoonWithinDays => plans.DueSoonWithinDays;

    public DateTime NowUtc { get; private set; }

    public TimeProvider Clock => clock;

    public Task OnGetAsync() => LoadAsync();

    public Task OnPostAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        // An unknown value in the query string binds to nothing: the list falls back to the plain one, never a 500.
        ModelState.Clear();
        Filter = Enum.IsDefined(Filter) ? Filter : ResidentFilter.None;
        Sort = Enum.IsDefined(Sort) ? Sort : ResidentSort.Name;
        Today = clock.Today();
        NowUtc = clock.UtcNow();
        var term = Search.Normalize(Query);
        var residents = db.VisibleResidents(User);
        if (!IncludeDischarged || Filter != ResidentFilter.None)
        {
            // Through the open-stay index: the list in care grows with today's residents, not with every past one.
            // The filters are about residents in care, so they look there only.
            residents = residents.Where(r => db.InCareIds().Contains(r.Id));
        }

        residents = Filter switch
        {
            ResidentFilter.MissingNow => residents.Where(r => db.MissingEpisodes.Any(e => e.ResidentId == r.Id && e.Status == EpisodeStatus.Open)),
            ResidentFilter.PlanMissing => residents.Where(r => !db.ServicePlans.Any(p => p.ResidentId == r.Id && p.Status == PlanStatus.Active)),
            _ => residents,
        };
        var matching = term == null ? residents : residents.Where(r => r.PreferredName.ToUpper().Contains(term));

        if (Sort == ResidentSort.Name && Filter != ResidentFilter.ReviewDue)
        {
            // By name, the page is chosen in SQL and the status is looked up for its rows only: in one select SQLite
            // computed the details for every resident before sorting (issue 16).
            var page = await Paged.CreateAsync(matching.OrderBy(r => r.PreferredName).ThenBy(r => r.Id).Select(r => r.Id), PageNumber, PageSize);
            var ids = page.Items;
            var rows = (await StatusOf(db.Residents.Where(r => ids.Contains(r.Id)))).ToDictionary(r => r.Id);
            Residents = new Paged<ResidentStatusRow>([.. ids.Select(id => rows[id])], page.Page, page.PageSize, page.Total);
            return;
        }

        // Any other order needs every matching resident's status: residents in care (or, with discharged ones, the
        // lookups are index seeks per resident), sorted and paged here.
        var all = await StatusOf(matching);
        IEnumerable<ResidentStatusRow> chosen = Filter == ResidentFilter.ReviewDue
            ? all.Where(r => r.ReviewDueWithin(Today, plans.DueSoonWithinDays))
            : all;
        var sorted = Order(chosen).ToList();
        var pageCount = Math.Max(1, (sorted.Count + PageSize - 1) / PageSize);
        var current = Math.Clamp(PageNumber, 1, pageCount);
        Residents = new Paged<ResidentStatusRow>([.. sorted.Skip((current - 1) * PageSize).Take(PageSize)], current, PageSize, sorted.Count);
    }

    private Task<IReadOnlyList<ResidentStatusRow>> StatusOf(IQueryable<Domain.Residents.Resident> residents) =>
        ResidentStatus.ForAsync(db, residents, plans.Schedule, notes.SigningDeadline);

    private IOrderedEnumerable<ResidentStatusRow> Order(IEnumerable<ResidentStatusRow> rows)
    {
        var byName = StringComparer.CurrentCulture;
        return Sort switch
        {
            ResidentSort.Status => rows.OrderBy(r => r.State).ThenBy(r => r.PreferredName, byName),
            // Soonest review (or first plan) first; residents with neither (discharged) last.
            ResidentSort.ReviewDue => rows.OrderBy(r => r.NextPlanStepDue is null).ThenBy(r => r.NextPlanStepDue).ThenBy(r => r.PreferredName, byName),
            // Longest since a note first, and no note at all before that: who has not been seen.
            ResidentSort.LastNote => rows.OrderBy(r => r.LastNoteUtc ?? DateTime.MinValue).ThenBy(r => r.PreferredName, byName),
            ResidentSort.UnsignedNotes => rows.OrderByDescending(r => r.UnsignedNotes).ThenBy(r => r.SigningDueUtc ?? DateTime.MaxValue).ThenBy(r => r.PreferredName, byName),
            _ => rows.OrderBy(r => r.PreferredName, byName).ThenBy(r => r.Id),
        };
    }
}
