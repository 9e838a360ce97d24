using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data.Auditing;
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

    [Fact]
    public async Task The_seeded_demo_database_verifies_intact_and_every_entry_is_counted()
    {
        await using var app = await SafeHomeApp.StartAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(TextWriter.Null);
        }

        var report = await VerifyAsync(app);

        Assert.True(report.Intact, report.Message);
        Assert.Equal(await app.WithDbAsync(db => db.AuditEntries.LongCountAsync()), report.Checked);
        Assert.True(report.Checked > 36);
    }

    [Fact]
    public async Task A_batch_stored_with_insertion_ids_against_its_sequence_order_verifies_intact()
    {
        await using var app = await SafeHomeApp.StartAsync();
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
