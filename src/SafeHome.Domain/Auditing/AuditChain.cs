using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SafeHome.Domain.Auditing;

/// The tamper-evident chain over the audit table (SECURITY.md T2): hash_n = HMAC-SHA256(key, hash_{n-1} ‖ canonical_n).
/// Whoever can rewrite the table but does not hold the key cannot produce hashes that verify; whoever deletes rows
/// leaves a gap in the sequence; whoever cuts the tail is caught by the checkpoint kept outside the database.
public static class AuditChain
{
    public const int HashLength = 64;

    /// The bytes that are hashed: every stored field in a fixed order, dates in one invariant format, JSON-escaped so
    /// no field can be crafted to run into the next.
    public static byte[] Canonical(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string?[] fields =
        [
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.OccurredAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            entry.UserId,
            entry.Action,
            entry.EntityType,
            entry.EntityKey,
            entry.Changes,
            entry.ResidentId?.ToString("D"),
        ];
        return JsonSerializer.SerializeToUtf8Bytes(fields);
    }

    public static string ComputeHash(ReadOnlySpan<byte> key, string? previousHash, AuditEntry entry)
    {
        var previous = Encoding.ASCII.GetBytes(previousHash ?? string.Empty);
        var canonical = Canonical(entry);
        var message = new byte[previous.Length + canonical.Length];
        previous.CopyTo(message, 0);
        canonical.CopyTo(message, previous.Length);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, message));
    }

    /// Seals entries about to be saved, in order, after the current head of the chain.
    public static ChainHead Seal(ReadOnlySpan<byte> key, ChainHead head, IEnumerable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            var sequence = head.Sequence + 1;
            entry.Seal(sequence, string.Empty);
            var hash = ComputeHash(key, head.Hash, entry);
            entry.Seal(sequence, hash);
            head = new ChainHead(sequence, hash);
        }

        return head;
    }

    public static bool IsSigned(ReadOnlySpan<byte> key, ChainCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return string.Equals(SignCheckpoint(key, new ChainHead(checkpoint.Sequence, checkpoint.Hash), checkpoint.Generation), checkpoint.Signature, StringComparison.Ordinal);
    }

    /// Signs a checkpoint so that a checkpoint file edited by hand to match a cut-off table does not verify. The
    /// generation (restores recorded in the chain) is signed too, so an old copy cannot claim to postdate a restore.
    public static string SignCheckpoint(ReadOnlySpan<byte> key, ChainHead head, int generation = 0)
    {
        ArgumentNullException.ThrowIfNull(head);
        var text = generation == 0
            ? string.Create(CultureInfo.InvariantCulture, $"checkpoint|{head.Sequence}|{head.Hash}")
            : string.Create(CultureInfo.InvariantCulture, $"checkpoint|{head.Sequence}|{head.Hash}|restore {generation}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }
}

/// The last sealed entry: sequence 0 and no hash for an empty chain.
public sealed record ChainHead(long Sequence, string? Hash)
{
    public static readonly ChainHead Empty = new(0, null);
}
