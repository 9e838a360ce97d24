using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Notes;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Notes;

/// One resident's notes, newest service first. The filters are ids, enums and dates only, so they travel in the
/// query string (no name or text ever does). A sensitive note's text never reaches this page, whoever reads it: the
/// preview is computed in the query and left empty for it.
public sealed class IndexModel(SafeHomeDbContext db, AuditLog audit, TimeProvider clock, NotesOptions options) : PageModel
{
    public const int PreviewLength = 140;
    private static readonly DateOnly EarliestDate = new(1900, 1, 1);
    private static readonly DateOnly LatestDate = new(2999, 12, 31);

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "type")]
    public NoteType? TypeFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "author")]
    public string? Author { get; set; }

    [BindProperty(SupportsGet = true, Name = "goal")]
    public Guid? Goal { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public NoteStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "inError")]
    public bool IncludeEnteredInError { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Guid ResidentId { get; private set; }

    public string PreferredName { get; private set; } = string.Empty;

    public IReadOnlyList<(string Id, string Name)> Authors { get; private set; } = [];

    public IReadOnlyList<(Guid LineageId, string Label)> Goals { get; private set; } = [];

    public bool FiltersValid { get; private set; }

    public Paged<NoteRow> Notes { get; private set; } = new([], 1, 20, 0);

    public async Task<IActionResult> OnGetAsync(Guid residentId)
    {
        var name = await db.VisibleResidents(User).Where(r => r.Id == residentId).Select(r => r.PreferredName).FirstOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }

        ResidentId = residentId;
        PreferredName = name;
        var notes = db.VisibleNotesOf(User, residentId);
        var authorIds = await notes.Select(n => n.AuthorId).Distinct().ToListAsync();
        var names = await db.StaffNamesAsync(authorIds);
        Authors = [.. authorIds.Select(id => (id, names.GetValueOrDefault(id, "(former staff)"))).OrderBy(a => a.Item2, StringComparer.CurrentCulture)];
        Goals = await GoalsOfAsync(residentId);

        FiltersValid = CheckFilters();
        if (FiltersValid)
        {
            Notes = await Paged.CreateAsync(Rows(Filter(notes)), PageNumber);
        }

        // The list names what kind of notes exist and when: part of the record's history, like each note's view.
        await audit.RecordForResidentAsync(AuditActions.View, "ProgressNoteList", residentId.ToString(), residentId);
        return Page();
    }

    public string AuthorName(string id) => Authors.FirstOrDefault(a => a.Id == id).Name ?? "(former staff)";

    public DateTime Local(DateTime utc) => clock.ToLocal(utc);

    /// Signed after the deadline, or still unsigned once it has passed.
    public string? Lateness(NoteRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var due = row.ServiceEndUtc + options.SigningDeadline;
        return row.SignedAtUtc is { } signed
            ? signed > due ? "Signed late" : null
            : clock.UtcNow() > due ? "Signature overdue" : null;
    }

    /// The query values of the current filters, for the pager's links.
    public Dictionary<string, string> RouteFor(int page)
    {
        var values = new Dictionary<string, string> { ["residentId"] = ResidentId.ToString(), ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        AddIf(values, "from", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        AddIf(values, "to", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        AddIf(values, "type", TypeFilter?.ToString());
        AddIf(values, "author", Author);
        AddIf(values, "goal", Goal?.ToString());
        AddIf(values, "status", Status?.ToString());
        AddIf(values, "inError", IncludeEnteredInError ? "true" : null);
        return values;
    }

    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= PreviewLength)
        {
            return flat;
        }

        // Cut at a word where there is one, and never between the two halves of an emoji.
        var cut = flat.LastIndexOf(' ', PreviewLength);
        cut = cut > PreviewLength / 2 ? cut : PreviewLength;
        if (char.IsHighSurrogate(flat[cut - 1]))
        {
            cut--;
        }

        return flat[..cut].TrimEnd() + "…";
    }

    private static void AddIf(Dictionary<string, string> values, string key, string? value)
    {
        if (value is not null)
        {
            values[key] = value;
        }
    }

    /// Puts a plain message next to each filter that cannot be used. Values the model binder could not read keep
    /// the binder's message for dates; for the lists, the message says to choose from the list.
    private bool CheckFilters()
    {
        // Paging and the checkbox fall back to their defaults rather than stopping the list.
        foreach (var key in new[] { "p", "inError" })
        {
            ModelState.Remove(key);
        }

        CheckDate("from", From);
        CheckDate("to", To);
        if (From is { } from && To is { } to && ModelState.GetFieldValidationState("to") != ModelValidationState.Invalid && to < from)
        {
            ModelState.AddModelError("to", "The end of the date range is before its start. Swap the dates, or clear one.");
        }

        Replace("type", TypeFilter is { } type && !Enum.IsDefined(type), "Choose a note type from the list.");
        Replace("status", Status is { } status && !Enum.IsDefined(status), "Choose a status from the list.");
        Replace("author", Author is { } author && !Authors.Any(a => a.Id == author), "Choose an author from the list: only staff who wrote notes for this resident are in it.");
        Replace("goal", Goal is { } goal && !Goals.Any(g => g.LineageId == goal), "Choose a goal from the list: only goals of this resident's plans are in it.");
        return ModelState.IsValid;
    }

    private void CheckDate(string key, DateOnly? date)
    {
        if (date is { } value && (value < EarliestDate || value > LatestDate))
        {
            ModelState.AddModelError(key, $"Enter a date between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.");
        }
    }

    private void Replace(string key, bool unknown, string message)
    {
        if (unknown || ModelState.GetFieldValidationState(key) == ModelValidationState.Invalid)
        {
            ModelState.Remove(key);
            ModelState.AddModelError(key, message);
        }
    }

    private IQueryable<ProgressNote> Filter(IQueryable<ProgressNote> notes)
    {
        var zone = clock.LocalTimeZone;
        if (From is { } from)
        {
            var start = StartOfDayUtc(from, zone);
            notes = notes.Where(n => n.ServiceStartUtc >= start);
        }

        if (To is { } to)
        {
            var end = StartOfDayUtc(to.AddDays(1), zone);
            notes = notes.Where(n => n.ServiceStartUtc < end);
        }

        if (TypeFilter is { } type)
        {
            notes = notes.Where(n => n.Type == type);
        }

        if (Author is { } author)
        {
            notes = notes.Where(n => n.AuthorId == author);
        }

        if (Goal is { } goal)
        {
            notes = notes.Where(n => n.Links.Any(l => l.GoalLineageId == goal));
        }

        if (Status is { } status)
        {
            notes = notes.Where(n => n.Status == status);
        }

        return IncludeEnteredInError ? notes : notes.Where(n => !n.IsEnteredInError);
    }

    /// Section columns are null outside the note's format, so the first non-null one is the format's first written
    /// section. Nothing of a sensitive note leaves the database. The sections are encrypted at rest, so the whole
    /// first section is read and shortened here: SQL can only cut the ciphertext.
    private static IQueryable<NoteRow> Rows(IQueryable<ProgressNote> notes) =>
        notes
            .OrderByDescending(n => n.ServiceStartUtc).ThenByDescending(n => n.Id)
            .Select(n => new NoteRow(
                n.Id, n.ServiceStartUtc, n.ServiceEndUtc, n.Type, n.Format, n.AuthorId, n.Status, n.SignedAtUtc, n.IsSensitive, n.IsEnteredInError,
                n.IsSensitive
                    ? null
                    : n.Goal ?? n.Data ?? n.Subjective ?? n.Behavior ?? n.Narrative ?? n.Objective ?? n.Intervention ?? n.Response ?? n.Assessment ?? n.Plan));

    /// Local midnight in UTC; in a zone whose clocks jump at midnight the day starts at the first valid minute.
    private static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    private async Task<IReadOnlyList<(Guid LineageId, string Label)>> GoalsOfAsync(Guid residentId)
    {
        var goals = await (
            from goal in db.PlanGoals
            join plan in db.ServicePlans on goal.PlanId equals plan.Id
            where plan.ResidentId == residentId
            select new { goal.LineageId, goal.YouthStatement, plan.VersionNumber, goal.SortOrder }).ToListAsync();

        // A goal keeps its lineage across plan versions; its latest wording names it.
        return [.. goals
            .GroupBy(g => g.LineageId)
            .Select(g => g.OrderByDescending(x => x.VersionNumber).First())
            .OrderBy(g => g.SortOrder)
            .Select(g => (g.LineageId, Shorten(g.YouthStatement)))];
    }

    public sealed record NoteRow(
        Guid Id,
        DateTime ServiceStartUtc,
        DateTime ServiceEndUtc,
        NoteType Type,
        NoteFormat Format,
        string AuthorId,
        NoteStatus Status,
        DateTime? SignedAtUtc,
        bool IsSensitive,
        bool IsEnteredInError,
        string? Preview);
}
