using System.Text.Json;

namespace SafeHome.Domain.Auditing;

/// What the <see cref="AuditActions.BackupRestored"/> entry says: the backup's end, the entries the site had vouched for
/// that the backup lacks (none when it was not older), the operator's reason, and the checkpoint generation it starts.
/// The time is null for a database put back by the server's own tools (pg_restore).
public sealed record RestoreRecord(
    int Generation,
    long BackupHeadSequence,
    DateTime? BackupTakenAtUtc,
    long? LackedFromSequence,
    long? LackedThroughSequence,
    string? Reason)
{
    public const int ReasonMaxLength = 500;

    /// The entry's entity type, so the restores are found through the (type, key) index.
    public const string EntityType = "AuditChain";

    public string ToJson() => JsonSerializer.Serialize(this);

    /// Null when the text is not a restore record (an entry written by hand without the key is caught by its seal).
    public static RestoreRecord? Parse(string? changes)
    {
        if (string.IsNullOrEmpty(changes))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RestoreRecord>(changes);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
