using System.Security.Cryptography;
using SafeHome.Domain.Auditing;

namespace SafeHome.UnitTests.Auditing;

/// SECURITY.md T2 on the chain itself: sealing numbers entries gaplessly after the head; verification recomputes every
/// hash in sequence order (never storage order) and names every bad sequence with what is wrong.
public sealed class AuditChainTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly DateTime At = new(2026, 6, 15, 15, 0, 0, DateTimeKind.Utc);

    private static AuditEntry Entry(int n, string action = AuditActions.Update) =>
        new(At.AddSeconds(n), "user-" + n, action, "Resident", Guid.CreateVersion7().ToString(), "{\"PreferredName\":{\"Old\":\"A\",\"New\":\"B\"}}", Guid.CreateVersion7());

    private static List<AuditEntry> Chain(int count)
    {
        var entries = Enumerable.Range(1, count).Select(n => Entry(n)).ToList();
        AuditChain.Seal(Key, ChainHead.Empty, entries);
        return entries;
    }

    /// Feeds rows as the verifier reads them: by sequence, the insertion id only breaking ties.
    private static ChainReport Verify(IEnumerable<(long Id, AuditEntry Entry)> rows, ChainCheckpoint? checkpoint = null, byte[]? key = null)
    {
        var verification = new ChainVerification(key ?? Key, checkpoint);
        foreach (var (_, entry) in rows.OrderBy(r => r.Entry.Sequence).ThenBy(r => r.Id))
        {
            verification.Add(entry);
        }

        return verification.Finish();
    }

    private static IEnumerable<(long, AuditEntry)> Rows(IEnumerable<AuditEntry> entries) => entries.Select(e => (e.Sequence, e));

    private static ChainCheckpoint Checkpoint(AuditEntry at) =>
        new(at.Sequence, at.Hash, AuditChain.SignCheckpoint(Key, new ChainHead(at.Sequence, at.Hash)), At);

    /// The same entry with one field replaced and the original seal kept, as a raw SQL UPDATE would leave it.
    private static AuditEntry Altered(AuditEntry original, string? changes)
    {
        var copy = new AuditEntry(original.OccurredAtUtc, original.UserId, original.Action, original.EntityType, original.EntityKey, changes, original.ResidentId);
        copy.Seal(original.Sequence, original.Hash!);
        return copy;
    }

    [Fact]
    public void Sealing_numbers_after_the_head_and_chains_each_hash_to_the_previous_one()
    {
        var first = Chain(3);
        var more = new List<AuditEntry> { Entry(4), Entry(5) };

        var head = AuditChain.Seal(Key, new ChainHead(3, first[2].Hash), more);

        Assert.Equal([1L, 2, 3, 4, 5], first.Concat(more).Select(e => e.Sequence));
        Assert.Equal(new ChainHead(5, more[1].Hash), head);
        Assert.Equal(AuditChain.ComputeHash(Key, first[2].Hash, more[0]), more[0].Hash);
        Assert.All(first.Concat(more), e => Assert.Matches("^[0-9a-f]{64}$", e.Hash!));
        Assert.Equal(5, first.Concat(more).Select(e => e.Hash).Distinct().Count());
    }

    [Theory]
    [InlineData(449)]
    [InlineData(450)]
    [InlineData(451)]
    [InlineData(2000)]
    public void A_key_longer_than_its_column_is_kept_as_far_as_it_fits_with_its_length_and_the_entry_still_verifies(int length)
    {
        // A probe's path is whatever was typed; PostgreSQL refuses a value longer than the column, SQLite would not.
        var path = "/Audit/Staff/" + new string('x', length - 13);
        var entry = new AuditEntry(At, "user-1", AuditActions.NotFound, "Page", path, null);
        AuditChain.Seal(Key, ChainHead.Empty, [entry]);

        Assert.True(entry.EntityKey.Length <= AuditEntry.EntityKeyMaxLength);
        if (length <= AuditEntry.EntityKeyMaxLength)
        {
            Assert.Equal(path, entry.EntityKey);
        }
        else
        {
            Assert.StartsWith(entry.EntityKey[..entry.EntityKey.IndexOf('…', StringComparison.Ordinal)], path, StringComparison.Ordinal);
            Assert.EndsWith($"… ({length} characters)", entry.EntityKey, StringComparison.Ordinal);
        }

        Assert.True(Verify(Rows([entry])).Intact);
    }

    [Fact]
    public void An_untouched_chain_verifies_and_reports_how_many_entries_were_checked()
    {
        var entries = Chain(20);

        var report = Verify(Rows(entries), Checkpoint(entries[9]));

        Assert.True(report.Intact);
        Assert.Equal((20L, 20L, (long?)null), (report.Checked, report.Head.Sequence, report.FirstBadSequence));
        Assert.Contains("20 entries checked", report.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(9)]
    public void One_changed_field_is_named_by_its_sequence(int index)
    {
        var entries = Chain(10);
        entries[index] = Altered(entries[index], "{\"PreferredName\":{\"Old\":\"A\",\"New\":\"Invented\"}}");

        var report = Verify(Rows(entries));

        Assert.Equal((ChainProblem.Changed, (long?)(index + 1)), (report.Problem, report.FirstBadSequence));
        Assert.Single(report.Findings);
        Assert.Equal(10, report.Checked);
    }

    [Fact]
    public void A_deleted_middle_entry_is_reported_missing()
    {
        var entries = Chain(10);
        entries.RemoveAt(4);

        var report = Verify(Rows(entries));

        Assert.Equal((ChainProblem.Missing, (long?)5), (report.Problem, report.FirstBadSequence));
    }

    [Fact]
    public void Entries_stored_in_another_order_than_their_sequence_verify_intact()
    {
        // One SaveChanges may store its rows with insertion ids in any order: the hashes decide, not the ids.
        var entries = Chain(6);
        var rows = Rows(entries).Select(r => (Id: 100 - r.Item1, Entry: r.Item2)).ToList();

        var report = Verify(rows);

        Assert.True(report.Intact, report.Message);
        Assert.Equal(6, report.Checked);
    }

    [Fact]
    public void Several_faults_in_one_chain_are_each_reported_with_their_sequence_and_the_whole_chain_is_counted()
    {
        // 30 entries: 5 changed, 11 deleted, 17 stored twice, 20 to 21 deleted, the tail after 27 cut below the
        // checkpoint at 30.
        var entries = Chain(30);
        var checkpoint = Checkpoint(entries[29]);
        var rows = Rows(entries.Take(27)).ToList();
        rows[4] = (5, Altered(entries[4], "{\"PreferredName\":{\"Old\":\"A\",\"New\":\"Invented\"}}"));
        rows.RemoveAll(r => r.Item2.Sequence is 11 or 20 or 21);
        rows.Add((1000, entries[16]));

        var report = Verify(rows, checkpoint);

        Assert.False(report.Intact);
        Assert.Equal(
            [(ChainProblem.Changed, 5L, 5L), (ChainProblem.Missing, 11L, 11L), (ChainProblem.Duplicated, 17L, 17L), (ChainProblem.Missing, 20L, 21L), (ChainProblem.Truncated, 28L, 30L)],
            report.Findings.Select(f => (f.Problem, f.Sequence, f.LastSequence)));
        Assert.Equal(rows.Count, report.Checked);
        Assert.Contains($"{rows.Count} entries checked up to entry 27; 5 problem(s)", report.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("before it", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_off_tail_is_caught_against_the_checkpoint_and_a_rewritten_one_by_its_hash()
    {
        var entries = Chain(10);
        var checkpoint = Checkpoint(entries[9]);

        var truncated = Verify(Rows(entries.Take(7)), checkpoint);
        Assert.Equal((ChainProblem.Truncated, (long?)8), (truncated.Problem, truncated.FirstBadSequence));

        // Rewriting the whole chain needs the key; with another key the checkpoint entry no longer matches.
        var otherKey = RandomNumberGenerator.GetBytes(32);
        var forged = Enumerable.Range(1, 10).Select(n => Entry(n)).ToList();
        AuditChain.Seal(otherKey, ChainHead.Empty, forged);
        Assert.Equal(ChainProblem.Changed, Verify(Rows(forged), checkpoint).Problem);
    }

    [Fact]
    public void Of_several_checkpoint_copies_the_highest_valid_one_wins_and_a_forged_copy_is_named_by_where_it_is_kept()
    {
        var entries = Chain(10);
        var rolledBack = Checkpoint(entries[6]) with { Source = "this node's checkpoint file" };
        var database = Checkpoint(entries[9]) with { Source = "database (written by node-a)" };
        var forged = database with { Sequence = 7, Hash = entries[6].Hash, Source = "the shared checkpoint file" };

        var report = new ChainVerification(Key, [rolledBack, database, forged]) is var v && Feed(v, entries.Take(7)) ? v.Finish() : null!;

        Assert.Equal(
            [(ChainProblem.CheckpointInvalid, 7L), (ChainProblem.Truncated, 8L)],
            report.Findings.Select(f => (f.Problem, f.Sequence)));
        Assert.Contains("the shared checkpoint file", report.Findings[0].Message, StringComparison.Ordinal);
        Assert.Contains("database (written by node-a)", report.Findings[1].Message, StringComparison.Ordinal);

        static bool Feed(ChainVerification verification, IEnumerable<AuditEntry> rows)
        {
            foreach (var row in rows)
            {
                verification.Add(row);
            }

            return true;
        }
    }

    [Fact]
    public void A_checkpoint_edited_by_hand_is_refused()
    {
        var entries = Chain(10);
        var honest = Checkpoint(entries[9]);
        var edited = honest with { Sequence = 7, Hash = entries[6].Hash };

        var report = Verify(Rows(entries.Take(7)), edited);

        Assert.Equal(ChainProblem.CheckpointInvalid, report.Problem);
    }

    [Fact]
    public void Unsealed_entries_from_before_the_chain_are_accepted_only_as_a_prefix()
    {
        var legacy = Enumerable.Range(1, 3).Select(n => Entry(n)).ToList();
        for (var i = 0; i < legacy.Count; i++)
        {
            legacy[i].Seal(i + 1, null!);
        }

        var sealedAfter = new List<AuditEntry> { Entry(4), Entry(5) };
        AuditChain.Seal(Key, new ChainHead(3, null), sealedAfter);
        var report = Verify(Rows(legacy.Concat(sealedAfter)));
        Assert.True(report.Intact);
        Assert.Equal((5L, 3L), (report.Checked, report.Unsealed));

        var stripped = Chain(5);
        stripped[3].Seal(4, null!);
        Assert.Equal((ChainProblem.Changed, (long?)4), (Verify(Rows(stripped)) is var r ? (r.Problem, r.FirstBadSequence) : default));
    }

    [Fact]
    public void The_canonical_form_keeps_fields_apart_and_drops_sub_microsecond_ticks()
    {
        var a = new AuditEntry(At, "ab", "c", "T", "k", null);
        var b = new AuditEntry(At, "a", "bc", "T", "k", null);
        Assert.NotEqual(AuditChain.Canonical(a), AuditChain.Canonical(b));

        var precise = new AuditEntry(At.AddTicks(7), "u", "c", "T", "k", null);
        Assert.Equal(At, precise.OccurredAtUtc);
        Assert.Equal(DateTimeKind.Utc, precise.OccurredAtUtc.Kind);
    }
}
