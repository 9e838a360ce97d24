using SafeHome.Domain.Auditing;

namespace SafeHome.Data.Auditing;

/// Access events that change no data (views, denials, sign-ins). They carry ids only, never names. Each call returns
/// once its entry is durable; entries of concurrent requests share one commit (<see cref="AuditAppender"/>).
public sealed class AuditLog(SafeHomeDbContext db, AuditAppender appender, ICurrentUser currentUser, TimeProvider clock)
{
    /// Whether this request already recorded a view of a resident's record; the page-level view recorder then stays
    /// quiet, so one view is one row.
    public bool ViewRecorded { get; private set; }

    public Task RecordAsync(string action, string entityType, string entityKey, CancellationToken cancellationToken = default) =>
        RecordAsync(action, entityType, entityKey, currentUser.UserId, cancellationToken);

    public Task RecordAsync(string action, string entityType, string entityKey, string? userId, CancellationToken cancellationToken = default) =>
        AddAsync(action, entityType, entityKey, userId, residentId: null, cancellationToken);

    /// A view of (or an export from) one resident's record, filed under the resident so it shows on their timeline.
    public Task RecordForResidentAsync(string action, string entityType, string entityKey, Guid residentId, CancellationToken cancellationToken = default) =>
        AddAsync(action, entityType, entityKey, currentUser.UserId, residentId, cancellationToken);

    private async Task AddAsync(string action, string entityType, string entityKey, string? userId, Guid? residentId, CancellationToken cancellationToken)
    {
        ViewRecorded |= action == AuditActions.View;
        var entry = new AuditEntry(clock.GetUtcNow().UtcDateTime, userId, action, entityType, entityKey, changes: null, residentId);

        // Inside the caller's own transaction, or with changes the caller has not saved yet, the entry goes with them
        // as it always did: another connection could not write while that transaction holds the database's write
        // lock, and the unsaved changes would otherwise be left behind.
        if (db.Database.CurrentTransaction is not null || db.ChangeTracker.HasChanges())
        {
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await appender.AppendAsync(entry, cancellationToken);
    }
}
