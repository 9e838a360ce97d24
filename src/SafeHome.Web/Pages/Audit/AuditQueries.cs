using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Data.Encryption;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Common;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Audit;

public sealed record TimelineRow(
    long Sequence,
    DateTime At,
    string? UserId,
    string By,
    string Action,
    string EntityType,
    string EntityKey,
    Guid? ResidentId,
    IReadOnlyList<string> Fields);

public sealed record KeysetPage<T>(IReadOnlyList<T> Items, bool HasOlder, bool HasNewer)
{
    public long? OlderCursor { get; init; }
    public long? NewerCursor { get; init; }
}

public sealed record FieldDifference(string Field, string? Before, string? After);

public static class AuditQueries
{
    public const int PageSize = 50;

    public static readonly IReadOnlySet<string> Actions = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    // Access events are filed under these types rather than an entity class.
    private static readonly string[] AccessTypes = ["AuditExtract", "AuditHistory", "AuditTimeline", "ExploitationEventList", "Page", "ProgressNoteList", "User"];

    /// Record types offered in the filter: every audited entity of the model, plus the access-event types, in the
    /// order of the words the filter shows.
    public static IReadOnlyList<string> RecordTypes(SafeHomeDbContext db) =>
        [.. db.Model.GetEntityTypes()
            .Where(t => typeof(IAudited).IsAssignableFrom(t.ClrType))
            .Select(t => t.ClrType.Name)
            .Concat(AccessTypes)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(AuditWords.Record, StringComparer.Ordinal)];

    /// Everything filed under one resident: changes of the resident and its children, and views of them. Older
    /// entries of the resident itself may predate the ResidentId column, hence the second part. Two parts rather than
    /// one OR, because each is read newest-first straight off its own (…, Sequence) index: a page of a resident with
    /// 100,000 entries reads about a page of rows instead of sorting them all (issue 16).
    public static IReadOnlyList<IQueryable<AuditEntry>> ForResident(SafeHomeDbContext db, Guid residentId)
    {
        var key = residentId.ToString();
        return
        [
            db.AuditEntries.AsNoTracking().Where(e => e.ResidentId == residentId),
            db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "Resident" && e.EntityKey == key && e.ResidentId == null),
        ];
    }

    public static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> query, AuditFilter filter, TimeProvider clock)
    {
        if (!string.IsNullOrEmpty(filter.User))
        {
            query = query.Where(e => e.UserId == filter.User);
        }

        if (filter.From is { } from)
        {
            var start = StartOfLocalDayUtc(clock, from);
            query = query.Where(e => e.OccurredAtUtc >= start);
        }

        if (filter.To is { } to)
        {
            var end = StartOfLocalDayUtc(clock, to.AddDays(1));
            query = query.Where(e => e.OccurredAtUtc < end);
        }

        if (!string.IsNullOrEmpty(filter.Type))
        {
            query = query.Where(e => e.EntityType == filter.Type);
        }

        if (!string.IsNullOrEmpty(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        return query;
    }

    /// One page, newest first. "Older" continues below the last entry shown, "Newer" above the first; a Newer page that
    /// reaches the head becomes the first page again, so the newest page is always full. The parts are disjoint
    /// queries whose union is the history (see <see cref="ForResident"/>); each is read in sequence order with a limit
    /// and the pieces are merged here.
    public static async Task<KeysetPage<AuditEntry>> PageAsync(IReadOnlyList<IQueryable<AuditEntry>> parts, long? before, long? after, CancellationToken cancellationToken)
    {
        if (after is { } lower && before is null)
        {
            var ascending = await TakeAsync(parts, q => q.Where(e => e.Sequence > lower).OrderBy(e => e.Sequence), descending: false, cancellationToken);
            if (ascending.Count > PageSize)
            {
                var items = ascending.Take(PageSize).Reverse().ToList();
                var last = items[^1].Sequence;
                var hasOlder = await AnyAsync(parts, e => e.Sequence < last, cancellationToken);
                return new KeysetPage<AuditEntry>(items, hasOlder, HasNewer: true) { OlderCursor = last, NewerCursor = items[0].Sequence };
            }
        }

        var descending = await TakeAsync(
            parts, q => (before is { } upper ? q.Where(e => e.Sequence < upper) : q).OrderByDescending(e => e.Sequence), descending: true, cancellationToken);
        var shown = descending.Take(PageSize).ToList();
        var newer = false;
        if (before is not null && shown.Count > 0)
        {
            var first = shown[0].Sequence;
            newer = await AnyAsync(parts, e => e.Sequence > first, cancellationToken);
        }
        else if (before is { } cursor)
        {
            newer = await AnyAsync(parts, e => e.Sequence >= cursor, cancellationToken);
        }

        return new KeysetPage<AuditEntry>(shown, descending.Count > PageSize, newer)
        {
            OlderCursor = shown.Count > 0 ? shown[^1].Sequence : null,
            NewerCursor = shown.Count > 0 ? shown[0].Sequence : before - 1,
        };
    }

    public static Task<KeysetPage<AuditEntry>> PageAsync(IQueryable<AuditEntry> query, long? before, long? after, CancellationToken cancellationToken) =>
        PageAsync([query], before, after, cancellationToken);

    // Up to a page and one of each part, merged in sequence order.
    private static async Task<List<AuditEntry>> TakeAsync(
        IReadOnlyList<IQueryable<AuditEntry>> parts, Func<IQueryable<AuditEntry>, IOrderedQueryable<AuditEntry>> order, bool descending, CancellationToken cancellationToken)
    {
        var merged = new List<AuditEntry>();
        foreach (var part in parts)
        {
            merged.AddRange(await order(part).Take(PageSize + 1).ToListAsync(cancellationToken));
        }

        return [.. (descending ? merged.OrderByDescending(e => e.Sequence) : merged.OrderBy(e => e.Sequence)).Take(PageSize + 1)];
    }

    /// Whether any part of a history has an entry matching <paramref name="predicate"/>.
    public static async Task<bool> AnyAsync(IReadOnlyList<IQueryable<AuditEntry>> parts, System.Linq.Expressions.Expression<Func<AuditEntry, bool>> predicate, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            if (await part.AnyAsync(predicate, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    public static string NameOf(IReadOnlyDictionary<string, string> names, string? userId) =>
        userId is null ? "SafeHome (system)" : names.GetValueOrDefault(userId, "(unknown account)");

    public static TimelineRow ToRow(AuditEntry entry, IReadOnlyDictionary<string, string> names, TimeProvider clock) => new(
        entry.Sequence,
        clock.ToLocal(entry.OccurredAtUtc),
        entry.UserId,
        NameOf(names, entry.UserId),
        entry.Action,
        entry.EntityType,
        entry.EntityKey,
        entry.ResidentId,
        [.. Differences(entry.Changes).Select(d => d.Field)]);

    /// The field-level differences of a change entry, in the order they were written; none for access events.
    public static IReadOnlyList<FieldDifference> Differences(string? changes)
    {
        if (string.IsNullOrEmpty(changes))
        {
            return [];
        }

        try
        {
            var parsed = JsonSerializer.Deserialize<Dictionary<string, AuditChange>>(changes);
            return parsed is null ? [] : [.. parsed.Select(p => new FieldDifference(p.Key, p.Value?.Old, p.Value?.New))];
        }
        catch (JsonException)
        {
            return [new FieldDifference("(unreadable change record)", null, null)];
        }
    }

    /// The differences with restricted fields decrypted: the interceptor stores their values encrypted (see
    /// FieldEncryption), under whichever key was current then, which is why old keys stay in the ring.
    public static IReadOnlyList<FieldDifference> Reveal(IReadOnlyList<FieldDifference> differences, string entityType, IModel model, FieldCipher cipher)
    {
        var entity = model.GetEntityTypes().FirstOrDefault(t => t.ClrType.Name == entityType);
        return entity is null
            ? differences
            : [.. differences.Select(d => entity.FindProperty(d.Field) is { } property && FieldEncryption.IsEncrypted(property)
                ? d with { Before = d.Before is null ? null : cipher.Decrypt(d.Before), After = d.After is null ? null : cipher.Decrypt(d.After) }
                : d)];
    }

    private static DateTime StartOfLocalDayUtc(TimeProvider clock, DateOnly day)
    {
        var local = DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified);
        var zone = clock.LocalTimeZone;
        // Midnight can fall in a DST gap in some zones; the first valid minute after it starts the day.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
