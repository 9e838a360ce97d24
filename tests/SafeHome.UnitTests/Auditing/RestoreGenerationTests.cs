using System.Security.Cryptography;
using SafeHome.Domain.Auditing;

namespace SafeHome.UnitTests.Auditing;

/// A confirmed restore of an older backup replaces the history after the backup's end. Checkpoints that vouched for the
/// replaced history must stop raising alarms, and nothing else may: not a forged restore, not a cut-off restore, not a
/// rewrite of the history both sides share.
public sealed class RestoreGenerationTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly DateTime At = new(2026, 6, 15, 15, 0, 0, DateTimeKind.Utc);

    private static AuditEntry Entry(int n) =>
        new(At.AddSeconds(n), "user-" + n, AuditActions.Update, "Resident", Guid.CreateVersion7().ToString(), "{\"PreferredName\":{\"Old\":\"A\",\"New\":\"B\"}}");

    private static AuditEntry Restore(int n, int generation, long backupHead, long lackedThrough) =>
        new(At.AddSeconds(n), null, AuditActions.BackupRestored, "AuditChain", backupHead.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new RestoreRecord(generation, backupHead, At, backupHead + 1, lackedThrough, "Drill: invented reason").ToJson());

    private static ChainCheckpoint Checkpoint(AuditEntry at, int generation = 0, byte[]? key = null) =>
        new(at.Sequence, at.Hash, AuditChain.SignCheckpoint(key ?? Key, new ChainHead(at.Sequence, at.Hash), generation), At, "a copy", generation);

    private static ChainReport Verify(IEnumerable<AuditEntry> entries, params ChainCheckpoint[] checkpoints)
    {
        var verification = new ChainVerification(Key, checkpoints);
        foreach (var entry in entries)
        {
            verification.Add(entry);
        }

        return verification.Finish();
    }

    // The site's history up to 30 with a checkpoint there; a backup ended at 20; restored, with the restore as 21 and
    // the history going on to 25.
    private static (List<AuditEntry> Old, List<AuditEntry> Restored) Histories(bool forgeRestore = false)
    {
        var shared = Enumerable.Range(1, 20).Select(Entry).ToList();
        var head = AuditChain.Seal(Key, ChainHead.Empty, shared);
        var old = Enumerable.Range(21, 10).Select(Entry).ToList();
        AuditChain.Seal(Key, head, old);
        var after = new List<AuditEntry> { Restore(21, 1, 20, 30) };
        after.AddRange(Enumerable.Range(22, 4).Select(Entry));
        AuditChain.Seal(forgeRestore ? RandomNumberGenerator.GetBytes(32) : Key, head, after);
        return ([.. shared, .. old], [.. shared, .. after]);
    }

    [Fact]
    public void Checkpoints_of_the_replaced_history_are_set_aside_and_the_restored_chain_verifies_intact_in_its_new_generation()
    {
        var (old, restored) = Histories();

        var report = Verify(restored, Checkpoint(old[29]), Checkpoint(old[24]), Checkpoint(old[19]), Checkpoint(restored[20], 1));

        Assert.True(report.Intact, report.Message);
        Assert.Equal((1, 25L), (report.Generation, report.Head.Sequence));
    }

    [Fact]
    public void Without_the_restore_entry_the_same_old_checkpoint_is_a_cut_tail()
    {
        var (old, restored) = Histories();

        var report = Verify(restored.Take(20), Checkpoint(old[29]));

        Assert.Equal([(ChainProblem.Truncated, 21L, 30L)], report.Findings.Select(f => (f.Problem, f.Sequence, f.LastSequence)));
    }

    [Fact]
    public void A_restore_entry_forged_without_the_key_sets_nothing_aside()
    {
        var (old, forged) = Histories(forgeRestore: true);

        var report = Verify(forged, Checkpoint(old[29]));

        Assert.Contains(report.Findings, f => f.Problem == ChainProblem.Changed && f.Sequence == 21);
        Assert.Contains(report.Findings, f => f.Problem == ChainProblem.Truncated && f.LastSequence == 30);
        Assert.Equal(0, report.Generation);
    }

    [Fact]
    public void Cutting_off_the_restore_entry_is_caught_by_any_checkpoint_written_after_it()
    {
        var (_, restored) = Histories();

        var report = Verify(restored.Take(20), Checkpoint(restored[22], 1));

        var finding = Assert.Single(report.Findings, f => f.Problem == ChainProblem.Truncated);
        Assert.Contains("no longer in the chain", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_history_before_the_restore_is_still_held_to_the_old_checkpoints()
    {
        var (_, restored) = Histories();

        // A checkpoint from before the restore vouched for a different entry 17: the shared history was rewritten
        // (with the key, so every seal verifies), and the restore after it must not excuse that.
        var elsewhere = Enumerable.Range(1, 17).Select(Entry).ToList();
        AuditChain.Seal(Key, ChainHead.Empty, elsewhere);
        var report = Verify(restored, Checkpoint(elsewhere[16]));

        Assert.Equal([(ChainProblem.Changed, 17L)], report.Findings.Select(f => (f.Problem, f.Sequence)));
    }

    [Fact]
    public void A_checkpoint_whose_generation_was_edited_no_longer_carries_a_valid_signature()
    {
        var (old, restored) = Histories();
        var raised = Checkpoint(old[29]) with { Generation = 1 };

        var report = Verify(restored, raised);

        Assert.Equal([ChainProblem.CheckpointInvalid], report.Findings.Select(f => f.Problem));
    }
}
