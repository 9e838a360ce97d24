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

    internal const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff";

    /// The bytes that are hashed: every stored field in a fixed order, dates in one invariant format, JSON-escaped so
    /// no field can be crafted to run into the next. <see cref="ChainHasher"/> writes the same bytes without allocating.
    public static byte[] Canonical(AuditEntry entry) => Canonical(AuditRow.Of(entry));

    public static byte[] Canonical(in AuditRow row)
    {
        string?[] fields =
        [
            row.Sequence.ToString(CultureInfo.InvariantCulture),
            row.OccurredAtUtc.ToString(DateFormat, CultureInfo.InvariantCulture),
            row.UserId,
            row.Action,
            row.EntityType,
            row.EntityKey,
            row.Changes,
            row.ResidentId?.ToString("D"),
        ];
        return JsonSerializer.SerializeToUtf8Bytes(fields);
    }

    public static string ComputeHash(ReadOnlySpan<byte> key, string? previousHash, AuditEntry entry) => ComputeHash(key, previousHash, AuditRow.Of(entry));

    public static string ComputeHash(ReadOnlySpan<byte> key, string? previousHash, in AuditRow row)
    {
        var previous = Encoding.ASCII.GetBytes(previousHash ?? string.Empty);
        var canonical = Canonical(row);
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
