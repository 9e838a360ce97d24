using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using CsCheck;
using SafeHome.Domain.Auditing;

namespace SafeHome.UnitTests.Auditing;

/// Issue 16 item 4: verifying in parallel batches reports exactly what the single pass reports (every finding, in the
/// same order, so the same first bad sequence), on faults at batch edges, across batches, and on random tamperings.
public sealed class ParallelChainCheckTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly DateTime At = new(2026, 6, 15, 15, 0, 0, DateTimeKind.Utc);

    private static AuditEntry Entry(Random random, int n) => random.Next(8) switch
    {
        0 => new AuditEntry(At.AddSeconds(n), null, AuditActions.LoginFailed, "User", "someone@example.invalid", null),
        1 => new AuditEntry(At.AddSeconds(n).AddTicks(random.Next(10_000)), "user-" + n, AuditActions.Update, "ProgressNote", Guid.CreateVersion7().ToString(),
            ChainHasherTests.RandomText(random, 0), Guid.CreateVersion7()),
        _ => new AuditEntry(At.AddSeconds(n), "user-" + random.Next(5), AuditActions.View, "Resident", Guid.CreateVersion7().ToString(), null, Guid.CreateVersion7()),
    };

    private static List<AuditEntry> Chain(int count, Random? random = null)
    {
        random ??= new Random(count);
        var entries = Enumerable.Range(1, count).Select(n => Entry(random, n)).ToList();
        AuditChain.Seal(Key, ChainHead.Empty, entries);
        return entries;
    }

    private static AuditEntry Copy(AuditEntry original, long sequence, string? hash, string? changes = null, string? userId = null)
    {
        var copy = new AuditEntry(original.OccurredAtUtc, userId ?? original.UserId, original.Action, original.EntityType, original.EntityKey, changes ?? original.Changes, original.ResidentId);
        copy.Seal(sequence, hash!);
        return copy;
    }

    private static AuditEntry Altered(AuditEntry original) => Copy(original, original.Sequence, original.Hash, changes: "{\"Invented\":true}");

    private static ChainCheckpoint Checkpoint(AuditEntry at, int generation = 0, string source = "a copy") =>
        new(at.Sequence, at.Hash, AuditChain.SignCheckpoint(Key, new ChainHead(at.Sequence, at.Hash), generation), At, source, generation);

    private static ChainReport Single(IEnumerable<AuditEntry> rows, IReadOnlyList<ChainCheckpoint> checkpoints)
    {
        var verification = new ChainVerification(Key, checkpoints);
        foreach (var entry in rows)
        {
            verification.Add(entry);
        }

        return verification.Finish();
    }

    private static Task<ChainReport> ParallelAsync(IEnumerable<AuditEntry> rows, IReadOnlyList<ChainCheckpoint> checkpoints, int batchSize, int workers) =>
        ParallelChainCheck.RunAsync(Key, checkpoints, Stream(rows.Select(AuditRow.Of)), batchSize, workers, TestContext.Current.CancellationToken);

    private static async IAsyncEnumerable<AuditRow> Stream(IEnumerable<AuditRow> rows, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var n = 0;
        foreach (var row in rows)
        {
            // Now and then the reader falls behind, so workers and the walk interleave with it differently.
            if (++n % 5 == 0)
            {
                await Task.Yield();
            }

            cancellationToken.ThrowIfCancellationRequested();
            yield return row;
        }
    }

    private static void AssertSame(ChainReport expected, ChainReport actual)
    {
        Assert.Equal(expected.Findings, actual.Findings);
        Assert.Equal(
            (expected.Checked, expected.Unsealed, expected.Head, expected.Generation, expected.Message),
            (actual.Checked, actual.Unsealed, actual.Head, actual.Generation, actual.Message));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(20)]
    [InlineData(39)]
    public async Task A_changed_entry_at_either_side_of_a_batch_edge_is_named_by_its_sequence(int index)
    {
        var entries = Chain(40);
        var rows = entries.ToList();
        rows[index] = Altered(entries[index]);

        var report = await ParallelAsync(rows, [], batchSize: 8, workers: 3);

        var finding = Assert.Single(report.Findings);
        Assert.Equal((ChainProblem.Changed, index + 1L, 40L), (finding.Problem, finding.Sequence, report.Checked));
        AssertSame(Single(rows, []), report);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    public async Task A_rewritten_seal_on_a_batch_edge_breaks_that_entry_and_the_next_one_as_in_a_single_pass(int index)
    {
        var entries = Chain(24);
        var rows = entries.ToList();
        rows[index] = Copy(entries[index], entries[index].Sequence, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

        var report = await ParallelAsync(rows, [], batchSize: 8, workers: 2);

        Assert.Equal([index + 1L, index + 2L], report.Findings.Select(f => f.Sequence));
        AssertSame(Single(rows, []), report);
    }

    [Fact]
    public async Task The_first_bad_sequence_is_named_when_several_batches_hold_bad_entries()
    {
        var entries = Chain(200);
        var rows = entries.ToList();
        foreach (var index in new[] { 180, 97, 16, 131, 55 })
        {
            rows[index] = Altered(entries[index]);
        }

        rows.RemoveAt(150);

        var report = await ParallelAsync(rows, [Checkpoint(entries[199])], batchSize: 8, workers: 4);

        Assert.Equal((ChainProblem.Changed, (long?)17), (report.Problem, report.FirstBadSequence));
        Assert.Equal([17L, 56, 98, 132, 151, 181], report.Findings.Select(f => f.Sequence));
        AssertSame(Single(rows, [Checkpoint(entries[199])]), report);
    }

    [Fact]
    public async Task A_long_intact_chain_verifies_in_many_batches_and_an_empty_one_too()
    {
        var entries = Chain(5_000);

        AssertSame(Single(entries, [Checkpoint(entries[4_000])]), await ParallelAsync(entries, [Checkpoint(entries[4_000])], batchSize: 64, workers: 4));
        Assert.True((await ParallelAsync(entries, [], batchSize: ParallelChainCheck.DefaultBatchSize, workers: 0)).Intact);
        AssertSame(Single([], [Checkpoint(entries[3])]), await ParallelAsync([], [Checkpoint(entries[3])], batchSize: 8, workers: 2));
    }

    [Fact]
    public async Task A_failing_read_is_reported_as_itself_not_as_a_cancellation()
    {
        var entries = Chain(100);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ParallelChainCheck.RunAsync(Key, [], Failing(entries.Select(AuditRow.Of)), batchSize: 8, workers: 2, TestContext.Current.CancellationToken));

        Assert.Equal("disk gone", failure.Message);

        static async IAsyncEnumerable<AuditRow> Failing(IEnumerable<AuditRow> rows)
        {
            foreach (var row in rows.Take(37))
            {
                await Task.Yield();
                yield return row;
            }

            throw new InvalidOperationException("disk gone");
        }
    }

    [Fact]
    public async Task Reports_exactly_what_the_single_pass_reports_on_random_chains_and_tamperings()
    {
        await Gen.Int.SampleAsync(async seed =>
        {
            var random = new Random(seed);
            var (rows, checkpoints) = Tampered(random);
            var expected = Single(rows, checkpoints);

            var actual = await ParallelAsync(rows, checkpoints, batchSize: random.Next(1, 12), workers: random.Next(1, 5));

            AssertSame(expected, actual);
        }, iter: 400, threads: 1);
    }

    // A random chain (sometimes behind an unsealed prefix, sometimes with a restore in it), random checkpoint copies,
    // then random faults of every kind the verifier names; rows come out in the verifier's order (sequence, then id).
    private static (List<AuditEntry> Rows, List<ChainCheckpoint> Checkpoints) Tampered(Random random)
    {
        var count = random.Next(0, 60);
        var unsealed = random.Next(4) == 0 ? random.Next(0, Math.Min(count, 5) + 1) : 0;
        var entries = Enumerable.Range(1, count).Select(n => Entry(random, n)).ToList();
        for (var i = 0; i < unsealed; i++)
        {
            entries[i].Seal(i + 1, null!);
        }

        if (count - unsealed > 3 && random.Next(3) == 0)
        {
            var at = random.Next(unsealed, count);
            entries[at] = new AuditEntry(At.AddSeconds(at), null, AuditActions.BackupRestored, RestoreRecord.EntityType, "x",
                new RestoreRecord(random.Next(0, 3), at, At, at + 1, at + 5, "Drill: invented reason").ToJson());
        }

        AuditChain.Seal(Key, new ChainHead(unsealed, null), entries.Skip(unsealed));

        var checkpoints = new List<ChainCheckpoint>();
        for (var i = random.Next(0, 4); i > 0 && count > 0; i--)
        {
            var at = entries[random.Next(count)];
            var checkpoint = Checkpoint(at, random.Next(0, 3), "copy " + i);
            checkpoints.Add(random.Next(6) == 0 ? checkpoint with { Sequence = checkpoint.Sequence + 1 } : checkpoint);
        }

        var rows = entries.Select((e, i) => (Id: (long)i + 1, Entry: e)).ToList();
        for (var faults = random.Next(0, 5); faults > 0 && rows.Count > 0; faults--)
        {
            var i = random.Next(rows.Count);
            var (id, entry) = rows[i];
            switch (random.Next(9))
            {
                case 0:
                    rows[i] = (id, Altered(entry));
                    break;
                case 1:
                    rows[i] = (id, Copy(entry, entry.Sequence, random.Next(2) == 0 ? null : Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))));
                    break;
                case 2:
                    rows.RemoveRange(i, Math.Min(random.Next(1, 4), rows.Count - i));
                    break;
                case 3:
                    rows.Add((1_000 + rows.Count, random.Next(2) == 0 ? entry : Altered(entry)));
                    break;
                case 4:
                    rows.RemoveRange(i, rows.Count - i);
                    break;
                case 5:
                    var other = random.Next(rows.Count);
                    (rows[i], rows[other]) = ((id, Copy(entry, rows[other].Entry.Sequence, entry.Hash)), (rows[other].Id, Copy(rows[other].Entry, entry.Sequence, rows[other].Entry.Hash)));
                    break;
                case 6:
                    rows[i] = (id, Copy(entry, entry.Sequence + random.Next(-3, 4), entry.Hash));
                    break;
                case 7:
                    rows[i] = (-id, entry);
                    break;
                default:
                    rows[i] = (id, Copy(entry, entry.Sequence, entry.Hash, userId: "someone-else"));
                    break;
            }
        }

        return ([.. rows.OrderBy(r => r.Entry.Sequence).ThenBy(r => r.Id).Select(r => r.Entry)], checkpoints);
    }

    [Fact]
    public void The_generator_produces_every_kind_of_finding()
    {
        var kinds = new HashSet<ChainProblem>();
        for (var seed = 0; seed < 2_000; seed++)
        {
            var (rows, checkpoints) = Tampered(new Random(seed));
            kinds.UnionWith(Single(rows, checkpoints).Findings.Select(f => f.Problem));
        }

        Assert.Equal(
            [ChainProblem.Changed, ChainProblem.Missing, ChainProblem.Truncated, ChainProblem.CheckpointInvalid, ChainProblem.Duplicated],
            kinds.Order());
    }
}
