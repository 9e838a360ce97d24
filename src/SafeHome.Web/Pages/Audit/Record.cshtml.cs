using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Data.Encryption;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Common;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Audit;

/// Every version of one record: each insert, update and delete in chain order, with who, when and the field-level
/// differences. A type or key with no history gets a plain "no history" answer, never an error.
public sealed class RecordModel(SafeHomeDbContext db, AuditLog audit, TimeProvider clock, FieldCipher cipher) : PageModel
{
    public const int MaxKeyLength = 450;
    public const int VersionsPerPage = 100;

    private static readonly string[] ChangeActions = [AuditActions.Insert, AuditActions.Update, AuditActions.Delete];

    public string? Type { get; private set; }

    public string? Key { get; private set; }

    public IReadOnlyList<Version> Versions { get; private set; } = [];

    public long? NextAfter { get; private set; }

    public Guid? ResidentId { get; private set; }

    public IReadOnlyList<Guid> Amendments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromQuery] string? type, [FromQuery] string? key, [FromQuery] long? after, CancellationToken cancellationToken)
    {
        if (!IsPlausible(type, 100) || !IsPlausible(key, MaxKeyLength))
        {
            return Page();
        }

        Type = type;
        Key = key;
        var start = after is > 0 ? after.Value : 0;
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == type && e.EntityKey == key && ChangeActions.Contains(e.Action) && e.Sequence > start)
            .OrderBy(e => e.Sequence)
            .Take(VersionsPerPage + 1)
            .ToListAsync(cancellationToken);
        if (entries.Count > VersionsPerPage)
        {
            entries.RemoveAt(VersionsPerPage);
            NextAfter = entries[^1].Sequence;
        }

        var names = await db.StaffNamesAsync(entries.Select(e => e.UserId), cancellationToken);
        Versions = [.. entries.Select(e => new Version(
            e.Sequence,
            clock.ToLocal(e.OccurredAtUtc),
            AuditQueries.NameOf(names, e.UserId),
            e.Action,
            AuditQueries.Reveal(AuditQueries.Differences(e.Changes), e.EntityType, db.Model, cipher)))];
        ResidentId = entries.Select(e => e.ResidentId).FirstOrDefault(r => r is not null);
        if (type == nameof(Domain.Notes.ProgressNote) && Guid.TryParse(key, out var noteId))
        {
            Amendments = await db.NoteAmendments.AsNoTracking().Where(a => a.NoteId == noteId).OrderBy(a => a.CreatedAtUtc).Select(a => a.Id).ToListAsync(cancellationToken);
        }

        if (ResidentId is { } residentId)
        {
            await audit.RecordForResidentAsync(AuditActions.View, "AuditHistory", $"{type}|{key}", residentId, cancellationToken);
        }

        return Page();
    }

    // Anything else cannot name a record; it is answered as "no history" without touching the database.
    private static bool IsPlausible(string? value, int maxLength) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= maxLength && Text.FindForbiddenSingleLineCharacter(value) is null;

    public sealed record Version(long Sequence, DateTime At, string By, string Action, IReadOnlyList<FieldDifference> Differences);
}
