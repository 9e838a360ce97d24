using System.Globalization;

namespace SafeHome.Domain.Auditing;

public enum ChainProblem
{
    None,

    /// An entry's content or hash no longer matches what was sealed.
    Changed,

    /// A sequence number is missing: an entry was deleted.
    Missing,

    /// Entries are out of their insertion order, or a sequence number appears twice.
    Reordered,

    /// The chain ends before the last checkpoint: its tail was cut off.
    Truncated,

    /// The checkpoint kept outside the database was altered.
    CheckpointInvalid,
}

/// A checkpoint written outside the database after each successful verification, signed with the chain key.
public sealed record ChainCheckpoint(long Sequence, string? Hash, string Signature, DateTime WrittenAtUtc);

public sealed record ChainReport(long Checked, long Unsealed, ChainHead Head, ChainProblem Problem, long? FirstBadSequence, string Message)
{
    public bool Intact => Problem == ChainProblem.None;
}

/// Walks the audit table in sequence order and stops at the first break. Fed one entry at a time so a verifier can
/// stream millions of rows without holding them.
public sealed class ChainVerification(byte[] key, ChainCheckpoint? checkpoint)
{
    private long _checked;
    private long _unsealed;
    private long _lastId = long.MinValue;
    private ChainHead _head = ChainHead.Empty;
    private string? _hashAtCheckpoint;
    private ChainReport? _failure;

    public bool Failed => _failure is not null;

    /// <param name="id">The row's insertion id, which only grows: a sequence out of step with it was reordered.</param>
    /// <returns>False once the chain is broken; later entries are not looked at.</returns>
    public bool Add(long id, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_failure is not null)
        {
            return false;
        }

        var expected = _head.Sequence + 1;
        if (entry.Sequence > expected)
        {
            return Fail(ChainProblem.Missing, expected, $"Entry {expected} is missing: the chain jumps from {_head.Sequence} to {entry.Sequence}.");
        }

        if (entry.Sequence < expected || id < _lastId)
        {
            return Fail(ChainProblem.Reordered, entry.Sequence, $"Entry {entry.Sequence} is out of order (expected {expected} next).");
        }

        if (entry.Hash is null)
        {
            // Entries from before the chain existed form an unsealed prefix; an unsealed entry after a sealed one means
            // its seal was stripped.
            if (_head.Hash is not null)
            {
                return Fail(ChainProblem.Changed, entry.Sequence, $"Entry {entry.Sequence} has lost its seal.");
            }

            _unsealed++;
        }
        else if (!string.Equals(AuditChain.ComputeHash(key, _head.Hash, entry), entry.Hash, StringComparison.Ordinal))
        {
            return Fail(ChainProblem.Changed, entry.Sequence, $"Entry {entry.Sequence} was changed after it was written: its content no longer matches its seal.");
        }

        _checked++;
        _lastId = id;
        _head = new ChainHead(entry.Sequence, entry.Hash);
        if (checkpoint is not null && entry.Sequence == checkpoint.Sequence)
        {
            _hashAtCheckpoint = entry.Hash;
        }

        return true;
    }

    public ChainReport Finish()
    {
        if (_failure is not null)
        {
            return _failure;
        }

        if (checkpoint is not null)
        {
            if (!string.Equals(AuditChain.SignCheckpoint(key, new ChainHead(checkpoint.Sequence, checkpoint.Hash)), checkpoint.Signature, StringComparison.Ordinal))
            {
                return Report(ChainProblem.CheckpointInvalid, null, "The checkpoint kept outside the database does not carry a valid signature: it was altered, or the key changed.");
            }

            if (checkpoint.Sequence > _head.Sequence)
            {
                return Report(ChainProblem.Truncated, _head.Sequence + 1, string.Create(CultureInfo.InvariantCulture,
                    $"The chain ends at entry {_head.Sequence}, but the checkpoint of {checkpoint.WrittenAtUtc:yyyy-MM-dd HH:mm} UTC had reached {checkpoint.Sequence}: entries {_head.Sequence + 1} to {checkpoint.Sequence} were cut off."));
            }

            if (!string.Equals(_hashAtCheckpoint, checkpoint.Hash, StringComparison.Ordinal))
            {
                return Report(ChainProblem.Changed, checkpoint.Sequence, $"Entry {checkpoint.Sequence} no longer has the hash recorded at the last checkpoint: the chain was rewritten.");
            }
        }

        return Report(ChainProblem.None, null, string.Create(CultureInfo.InvariantCulture, $"{_checked} entries checked; the chain is intact up to entry {_head.Sequence}."));
    }

    private bool Fail(ChainProblem problem, long sequence, string message)
    {
        _failure = Report(problem, sequence, message);
        return false;
    }

    private ChainReport Report(ChainProblem problem, long? sequence, string message) => new(_checked, _unsealed, _head, problem, sequence, message);
}
