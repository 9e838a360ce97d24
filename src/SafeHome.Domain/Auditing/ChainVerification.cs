using System.Globalization;

namespace SafeHome.Domain.Auditing;

public enum ChainProblem
{
    None,

    /// An entry's content or hash no longer matches what was sealed.
    Changed,

    /// A sequence number is missing: an entry was deleted.
    Missing,

    /// No longer raised: storage order proves nothing. Kept so checks recorded before that still load.
    Reordered,

    /// The chain ends before the last checkpoint: its tail was cut off.
    Truncated,

    /// The checkpoint kept outside the database was altered.
    CheckpointInvalid,

    /// A sequence number appears more than once.
    Duplicated,
}

/// A checkpoint written after each successful verification, signed with the chain key, kept in several places (the
/// database, the node's data folder, an optional shared location); <paramref name="Source"/> says which copy this is.
/// <paramref name="Generation"/> is the restore generation of the chain it was written from (see ChainVerification).
public sealed record ChainCheckpoint(long Sequence, string? Hash, string Signature, DateTime WrittenAtUtc, string? Source = null, int Generation = 0);

/// One problem in the chain: the sequence (or first of a run of sequences) it concerns, and what is wrong there.
public sealed record ChainFinding(ChainProblem Problem, long Sequence, long LastSequence, string Message);

/// <param name="Checked">Every entry read, whatever was wrong with the ones before it.</param>
public sealed record ChainReport(long Checked, long Unsealed, ChainHead Head, IReadOnlyList<ChainFinding> Findings, string Message)
{
    /// The restore generation of the chain (0 before any restore); a checkpoint written now carries it.
    public int Generation { get; init; }

    public bool Intact => Findings.Count == 0;

    public ChainProblem Problem => Findings.Count == 0 ? ChainProblem.None : Findings[0].Problem;

    public long? FirstBadSequence => Findings.Count == 0 ? null : Findings[0].Sequence;
}

/// Walks the audit table in sequence order and reports every break in it. Order is what the sequence numbers and the
/// hashes say, never the order rows were stored in. After a changed entry the walk re-anchors on the stored hash (the
/// entries after it were sealed on that hash, so they still verify); after a gap or a stripped seal the next entry
/// cannot be checked against its predecessor and becomes the new anchor. Fed one entry at a time so a verifier can
/// stream millions of rows without holding them.
///
/// A confirmed restore of an older backup is an entry in the chain itself (<see cref="AuditActions.BackupRestored"/>),
/// sealed with the key, and starts a new generation (higher than any the site had seen): checkpoints of an earlier
/// generation that reach past it vouched for a history the operator chose to replace, and are set aside. Nobody without the key can write that entry, and a
/// checkpoint of a later generation than the chain holds proves the restore entry itself was cut off.
public sealed class ChainVerification(byte[] key, IReadOnlyList<ChainCheckpoint> checkpoints)
{
    private const int FindingsInMessage = 8;

    private readonly List<ChainFinding> _findings = [];
    private long _checked;
    private long _unsealed;
    private long _headSequence;
    private string? _headHash;
    private bool _anchorNext;
    private bool _sealed;
    private readonly List<(long Sequence, int Generation)> _restores = [];
    private readonly Dictionary<long, string?> _hashes = checkpoints.Select(c => c.Sequence).Distinct().ToDictionary(s => s, _ => (string?)null);

    /// The generation the last restore in the chain started; 0 before any.
    private int Generation => _restores.Count == 0 ? 0 : _restores[^1].Generation;

    public ChainVerification(byte[] key, ChainCheckpoint? checkpoint)
        : this(key, checkpoint is null ? [] : [checkpoint])
    {
    }

    /// Entries must come in sequence order (ties in any order): a duplicate follows the entry it repeats.
    public void Add(AuditEntry entry) => Add(AuditRow.Of(entry), checkedOn: null, sealVerified: null);

    /// A row whose seal was already checked elsewhere (by a verifier hashing in parallel) chained on
    /// <paramref name="checkedOn"/>, the stored hash of the row read before it. That answer is taken only when the walk
    /// chains the row on the same hash; otherwise (after a duplicate or an unsealed row) the seal is checked here.
    public void Add(in AuditRow row, string? checkedOn, bool sealVerified) => Add(row, checkedOn, (bool?)sealVerified);

    private void Add(in AuditRow row, string? checkedOn, bool? sealVerified)
    {
        _checked++;
        var sequence = row.Sequence;
        if (sequence <= _headSequence && _checked > 1)
        {
            Find(ChainProblem.Duplicated, sequence, sequence, $"entry {sequence} appears more than once");
            return;
        }

        var expected = _headSequence + 1;
        if (sequence > expected)
        {
            Find(ChainProblem.Missing, expected, sequence - 1, sequence - 1 == expected
                ? $"entry {expected} is missing"
                : $"entries {expected} to {sequence - 1} are missing");
            _anchorNext = true;
        }

        if (row.Hash is null)
        {
            // Entries from before the chain existed form an unsealed prefix; an unsealed entry after a sealed one means
            // its seal was stripped, and the entry after it has nothing to be checked against.
            if (_sealed)
            {
                Find(ChainProblem.Changed, sequence, sequence, $"entry {sequence} has lost its seal");
                _anchorNext = true;
            }
            else
            {
                _unsealed++;
            }
        }
        else if (_anchorNext)
        {
            _anchorNext = false;
        }
        else if (!(sealVerified is { } verified && string.Equals(checkedOn, _headHash, StringComparison.Ordinal)
            ? verified
            : string.Equals(AuditChain.ComputeHash(key, _headHash, row), row.Hash, StringComparison.Ordinal)))
        {
            Find(ChainProblem.Changed, sequence, sequence, $"entry {sequence} was changed after it was written (its content no longer matches its seal)");
        }
        else if (row.Action == AuditActions.BackupRestored)
        {
            // Only a restore whose seal verifies against its predecessor counts: an anchor proves nothing about itself.
            _restores.Add((sequence, Math.Max(RestoreRecord.Parse(row.Changes)?.Generation ?? 0, Generation + 1)));
        }

        _sealed |= row.Hash is not null;
        _headSequence = sequence;
        _headHash = row.Hash ?? _headHash;
        if (_hashes.ContainsKey(sequence))
        {
            _hashes[sequence] = row.Hash;
        }
    }

    public ChainReport Finish()
    {
        var head = new ChainHead(_headSequence, _headHash);
        // Every copy must carry a valid signature; of the valid ones the highest wins, so an older copy put back (or a
        // database restored from an old backup) cannot hide entries cut off after a later check.
        var valid = new List<ChainCheckpoint>();
        foreach (var checkpoint in checkpoints)
        {
            if (AuditChain.IsSigned(key, checkpoint))
            {
                valid.Add(checkpoint);
            }
            else
            {
                Find(ChainProblem.CheckpointInvalid, checkpoint.Sequence, checkpoint.Sequence, $"the checkpoint in {checkpoint.Source ?? "the checkpoint file"} does not carry a valid signature (it was altered, or the key changed)");
            }
        }

        // Copies from before a restore that reach past it vouched for the history the restore replaced.
        valid.RemoveAll(c => _restores.FirstOrDefault(r => r.Generation > c.Generation) is { Sequence: > 0 } ended && c.Sequence >= ended.Sequence);
        foreach (var checkpoint in valid.Where(c => c.Generation > Generation).DistinctBy(c => c.Generation))
        {
            Find(ChainProblem.Truncated, _headSequence + 1, Math.Max(_headSequence + 1, checkpoint.Sequence), string.Create(CultureInfo.InvariantCulture,
                $"the checkpoint in {checkpoint.Source ?? "the checkpoint file"} of {checkpoint.WrittenAtUtc:yyyy-MM-dd HH:mm} UTC was written after a restore (generation {checkpoint.Generation}) that is no longer in the chain (its tail was cut, or an older copy of the database was put back)"));
        }

        valid.RemoveAll(c => c.Generation > Generation);
        if (valid.OrderByDescending(c => c.Sequence).ThenByDescending(c => c.WrittenAtUtc).FirstOrDefault() is { } highest && highest.Sequence > _headSequence)
        {
            Find(ChainProblem.Truncated, _headSequence + 1, highest.Sequence, string.Create(CultureInfo.InvariantCulture,
                $"entries {_headSequence + 1} to {highest.Sequence} were cut off (the checkpoint in {highest.Source ?? "the checkpoint file"} of {highest.WrittenAtUtc:yyyy-MM-dd HH:mm} UTC had reached {highest.Sequence})"));
        }

        foreach (var checkpoint in valid.Where(c => c.Sequence <= _headSequence).DistinctBy(c => c.Sequence))
        {
            if (!string.Equals(_hashes[checkpoint.Sequence], checkpoint.Hash, StringComparison.Ordinal)
                && !_findings.Any(f => f.Sequence <= checkpoint.Sequence && checkpoint.Sequence <= f.LastSequence))
            {
                Find(ChainProblem.Changed, checkpoint.Sequence, checkpoint.Sequence, $"entry {checkpoint.Sequence} no longer has the hash recorded at a checkpoint (the chain was rewritten)");
            }
        }

        return new ChainReport(_checked, _unsealed, head, [.. _findings], Describe()) { Generation = Generation };
    }

    private string Describe()
    {
        if (_findings.Count == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{_checked} entries checked; the chain is intact up to entry {_headSequence}.");
        }

        var listed = string.Join("; ", _findings.Take(FindingsInMessage).Select(f => f.Message));
        var more = _findings.Count > FindingsInMessage
            ? string.Create(CultureInfo.InvariantCulture, $"; and {_findings.Count - FindingsInMessage} more")
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{_checked} entries checked up to entry {_headSequence}; {_findings.Count} problem(s): {listed}{more}.");
    }

    private void Find(ChainProblem problem, long sequence, long last, string message) =>
        _findings.Add(new ChainFinding(problem, sequence, last, message));
}
