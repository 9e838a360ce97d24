using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data.Auditing;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Infrastructure;

namespace SafeHome.IntegrationTests.Audit;

/// Issue 14: a fresh install must pass its own integrity check. Order is what the sequence numbers and hashes say; the
/// order rows were stored in proves nothing.
public sealed class ChainOrderTests
{
    private static async Task<ChainReport> VerifyAsync(SafeHomeApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(IntegrityCheckSource.Command, null);
    }

    [Theory, Providers]
    public async Task The_seeded_demo_database_verifies_intact_and_every_entry_is_counted(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(TextWriter.Null);
        }

        var report = await VerifyAsync(app);

        Assert.True(report.Intact, report.Message);
        Assert.Equal(await app.WithDbAsync(db => db.AuditEntries.LongCountAsync()), report.Checked);
        Assert.True(report.Checked > 36);
    }

    [Theory, Providers]
    public async Task A_batch_stored_with_insertion_ids_against_its_sequence_order_verifies_intact(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        await app.CreateResidentAsync(counselor.Id);
        var head = await app.WithDbAsync(db => db.AuditEntries.OrderByDescending(a => a.Sequence).Select(a => new ChainHead(a.Sequence, a.Hash)).FirstAsync());
        var key = app.Services.GetRequiredService<AuditChainKeeper>().Key;
        var at = new DateTime(2026, 6, 15, 15, 0, 0, DateTimeKind.Utc);
        var batch = Enumerable.Range(1, 3).Select(n => new AuditEntry(at.AddSeconds(n), counselor.Id, AuditActions.Update, "Resident", "invented-key-" + n, null)).ToList();
        AuditChain.Seal(key, head, batch);

        // Stored last-sealed first, as one SaveChanges did on a fresh install: insertion ids run against the sequence.
        foreach (var entry in Enumerable.Reverse(batch))
        {
            await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO \"AuditEntries\" (\"Sequence\", \"OccurredAtUtc\", \"UserId\", \"Action\", \"EntityType\", \"EntityKey\", \"Changes\", \"ResidentId\", \"Hash\") VALUES ({entry.Sequence}, {entry.OccurredAtUtc}, {entry.UserId}, {entry.Action}, {entry.EntityType}, {entry.EntityKey}, {entry.Changes}, {entry.ResidentId}, {entry.Hash})"));
        }

        var ids = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Sequence > head.Sequence).OrderBy(a => a.Sequence).Select(a => a.Id).ToListAsync());
        Assert.True(ids[0] > ids[2]);

        var report = await VerifyAsync(app);

        Assert.True(report.Intact, report.Message);
        Assert.Equal(head.Sequence + 3, report.Head.Sequence);
        Assert.Equal(await app.WithDbAsync(db => db.AuditEntries.LongCountAsync()), report.Checked);
    }
}

/// Issue 14: checkpoints every node and every restore agree on. The signed checkpoint is kept in the database as well
/// as in each node's data folder (and an optional shared file); verification takes the highest valid copy.
public sealed class SharedCheckpointTests
{
    [Theory, Providers]
    public async Task A_tail_cut_after_node_As_check_is_detected_when_node_B_checks_from_another_data_folder(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        await app.CreateResidentAsync(counselor.Id);
        await app.CreateResidentAsync(counselor.Id);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(IntegrityCheckSource.Nightly, null)).Intact);
        }

        var head = await app.WithDbAsync(db => db.AuditCheckpoints.MaxAsync(c => c.Sequence));
        await app.DropAuditTriggersAsync();
        await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {head - 2}"));

        // Node B: same database and chain key, its own data folder with no checkpoint file of its own.
        var nodeB = Path.Combine(Path.GetTempPath(), "safehome-node-b-" + Guid.NewGuid().ToString("N"));
        try
        {
            var key = Convert.ToBase64String(app.Services.GetRequiredService<AuditChainKeeper>().Key);
            var keeper = new AuditChainKeeper(new AuditChainOptions { Key = key }, nodeB);
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SafeHome.Data.SafeHomeDbContext>();
            var report = await new AuditChainVerifier(db, keeper, TimeProvider.System).VerifyAsync(IntegrityCheckSource.Command, null);

            var truncated = Assert.Single(report.Findings);
            Assert.Equal((ChainProblem.Truncated, head - 1, head), (truncated.Problem, truncated.Sequence, truncated.LastSequence));
            Assert.Contains("database", truncated.Message, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(nodeB, "audit-checkpoint.json")));
        }
        finally
        {
            if (Directory.Exists(nodeB))
            {
                Directory.Delete(nodeB, recursive: true);
            }
        }
    }

    [Theory, Providers]
    public async Task Putting_back_an_older_checkpoint_file_and_cutting_the_tail_is_still_detected_by_the_database_copy(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var keeper = app.Services.GetRequiredService<AuditChainKeeper>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(IntegrityCheckSource.Nightly, null);
        }

        var older = await File.ReadAllTextAsync(keeper.CheckpointPath);
        var cut = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Sequence));
        await app.CreateResidentAsync(counselor.Id);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(IntegrityCheckSource.Nightly, null)).Intact);
        }

        // An intruder with file access cuts the new entries and puts the older, genuinely signed file back.
        await File.WriteAllTextAsync(keeper.CheckpointPath, older);
        await app.DropAuditTriggersAsync();
        await app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {cut}"));

        await using var verify = app.Services.CreateAsyncScope();
        var report = await verify.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(IntegrityCheckSource.Command, null);

        Assert.Equal(ChainProblem.Truncated, Assert.Single(report.Findings).Problem);
        Assert.Equal(cut + 1, report.FirstBadSequence);
    }
}
