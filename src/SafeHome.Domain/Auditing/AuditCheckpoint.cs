namespace SafeHome.Domain.Auditing;

/// A signed checkpoint kept in the database, beside the copies in files outside it: every node and every verb that
/// verifies reads them all, so a tail cut after one node's check is caught by any other, and the highest valid one wins.
public sealed class AuditCheckpoint
{
    public const int NodeMaxLength = 100;

    private AuditCheckpoint()
    {
    }

    public AuditCheckpoint(ChainCheckpoint checkpoint, string node)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        Sequence = checkpoint.Sequence;
        Hash = checkpoint.Hash;
        Signature = checkpoint.Signature;
        WrittenAtUtc = checkpoint.WrittenAtUtc;
        Generation = checkpoint.Generation;
        Node = node.Length > NodeMaxLength ? node[..NodeMaxLength] : node;
    }

    public long Id { get; private set; }
    public long Sequence { get; private set; }
    public string? Hash { get; private set; }
    public string Signature { get; private set; } = string.Empty;
    public DateTime WrittenAtUtc { get; private set; }

    /// Restores recorded in the chain when it was written (see ChainVerification).
    public int Generation { get; private set; }

    /// Which machine wrote it, for the operator reading a truncation report.
    public string Node { get; private set; } = string.Empty;

    public ChainCheckpoint ToCheckpoint() => new(Sequence, Hash, Signature, WrittenAtUtc, $"database (written by {Node})", Generation);
}
