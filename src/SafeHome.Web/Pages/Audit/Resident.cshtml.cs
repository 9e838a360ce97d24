using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Audit;

/// One resident's whole history, newest first: changes to the record and its plans, notes and episodes, and every view.
/// Opening it, and extracting it, are themselves recorded.
public sealed class ResidentModel(SafeHomeDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public AuditFilter Filter { get; set; } = new();

    public Guid ResidentId { get; private set; }

    public string? PreferredName { get; private set; }

    public KeysetPage<TimelineRow> Timeline { get; private set; } = new([], false, false);

    public IReadOnlyList<KeyValuePair<string, string>> StaffOptions { get; private set; } = [];

    public IReadOnlyList<string> TypeOptions { get; private set; } = [];

    public IReadOnlyList<string> ActionOptions { get; } = [.. AuditQueries.Actions.OrderBy(a => AuditWords.Action(a), StringComparer.Ordinal)];

    public async Task<IActionResult> OnGetAsync(Guid residentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(residentId, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var parts = AuditQueries.ForResident(db, residentId).Select(q => AuditQueries.Apply(q, Filter, clock)).ToList();
        var page = await AuditQueries.PageAsync(parts, Filter.Before, Filter.After, cancellationToken);
        var names = await db.StaffNamesAsync(page.Items.Select(e => e.UserId), cancellationToken);
        Timeline = new KeysetPage<TimelineRow>([.. page.Items.Select(e => AuditQueries.ToRow(e, names, clock))], page.HasOlder, page.HasNewer)
        {
            OlderCursor = page.OlderCursor,
            NewerCursor = page.NewerCursor,
        };
        await audit.RecordForResidentAsync(AuditActions.View, "AuditTimeline", residentId.ToString(), residentId, cancellationToken);
        return Page();
    }

    [RequiresRecentSignIn]
    public async Task<IActionResult> OnGetCsvAsync(Guid residentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(residentId, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var parts = AuditQueries.ForResident(db, residentId).Select(q => AuditQueries.Apply(q, Filter, clock)).ToList();
        var query = parts.Aggregate((a, b) => a.Concat(b)).OrderByDescending(e => e.Sequence);
        var names = await db.Users.AsNoTracking().Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var csv = new StringBuilder();
        // The stored names first, as the chain holds them, for auditors who match entries against the database; the
        // words the timeline shows after them, for everyone else.
        CsvExtract.AppendRow(
            csv, "Sequence", "When (local)", "User id", "User", "Action", "Record type", "Record key", "Resident id", "Changes",
            "Action (in words)", "Record type (in words)", "Fields changed (in words)");
        await foreach (var entry in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            CsvExtract.AppendRow(
                csv,
                entry.Sequence.ToString(CultureInfo.InvariantCulture),
                clock.ToLocal(entry.OccurredAtUtc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                entry.UserId,
                AuditQueries.NameOf(names, entry.UserId),
                entry.Action,
                entry.EntityType,
                entry.EntityKey,
                entry.ResidentId?.ToString(),
                entry.Changes,
                AuditWords.Action(entry.Action, entry.EntityType, entry.EntityKey),
                AuditWords.Record(entry.EntityType),
                string.Join(", ", AuditQueries.Differences(entry.Changes).Select(d => AuditWords.Field(d.Field))));
        }

        await audit.RecordForResidentAsync(AuditActions.Export, "AuditExtract", residentId.ToString(), residentId, cancellationToken);
        var fileName = $"audit-extract-{clock.Today():yyyyMMdd}.csv";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", fileName);
    }

    private async Task<bool> LoadAsync(Guid residentId, CancellationToken cancellationToken)
    {
        ResidentId = residentId;
        PreferredName = await db.Residents.AsNoTracking().Where(r => r.Id == residentId).Select(r => r.PreferredName).FirstOrDefaultAsync(cancellationToken);
        if (PreferredName is null && !await AuditQueries.AnyAsync(AuditQueries.ForResident(db, residentId), _ => true, cancellationToken))
        {
            return false;
        }

        StaffOptions = [.. (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken))
            .Select(u => KeyValuePair.Create(u.Id, u.DisplayName))];
        TypeOptions = AuditQueries.RecordTypes(db);
        if (Filter.User is { Length: > 0 } user && ModelState.GetFieldValidationState("Filter.User") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid
            && StaffOptions.All(o => o.Key != user))
        {
            ModelState.AddModelError("Filter.User", "Choose a staff member from the list.");
        }

        return true;
    }
}
