namespace SafeHome.Domain.Auditing;

/// One stored audit row as the chain sees it: every hashed field and the seal, without the entity around it, so a
/// verifier can read millions of rows into reused arrays.
public readonly record struct AuditRow(
    long Sequence,
    DateTime OccurredAtUtc,
    string? UserId,
    string? Action,
    string? EntityType,
    string? EntityKey,
    string? Changes,
    Guid? ResidentId,
    string? Hash)
{
    public static AuditRow Of(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Sequence, entry.OccurredAtUtc, entry.UserId, entry.Action, entry.EntityType, entry.EntityKey, entry.Changes, entry.ResidentId, entry.Hash);
    }
}
