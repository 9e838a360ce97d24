using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Audit;

/// Issue 16 item 4 on real databases: the streaming verifier (one raw reader, seals checked in parallel batches)
/// reports exactly what the paged EF verifier it replaced reported, tampering after tampering, on SQLite and PostgreSQL;
/// small batches put the faults on batch edges.
public sealed class StreamingVerifierTests
{
    [Theory, Providers]
    public async Task A_changed_entry_on_a_batch_edge_is_named_and_every_tampering_is_reported_as_the_paged_verifier_reported_it(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        await TamperingsAsync(app);
    }

    // SQLite only: it stores dates and ids as text, which someone editing by hand can spell another way; PostgreSQL's
    // typed columns cannot hold either spelling.
    [Fact]
    public async Task A_date_stored_by_hand_with_more_precision_and_a_lower_case_resident_id_read_as_EF_reads_them()
    {
        await using var app = await SafeHomeApp.StartAsync();
        await SeedAsync(app);
        await SqlAsync(app, "DROP TRIGGER \"AuditEntries_no_update\"");
        var resident = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ResidentId != null).OrderBy(a => a.Sequence).Select(a => a.Sequence).FirstAsync());
        await SqlAsync(app, $"UPDATE \"AuditEntries\" SET \"ResidentId\" = lower(\"ResidentId\") WHERE \"Sequence\" = {resident}");
        Assert.True((await CompareAsync(app)).Intact);

        // The same instant in ISO form reads as the same date; a seventh digit is dropped as the canonical form drops it.
        await SqlAsync(app, "UPDATE \"AuditEntries\" SET \"OccurredAtUtc\" = replace(\"OccurredAtUtc\", ' ', 'T') WHERE \"Sequence\" = 3");
        Assert.True((await CompareAsync(app)).Intact);
        await SqlAsync(app, "UPDATE \"AuditEntries\" SET \"OccurredAtUtc\" = '2026-06-15 15:00:00.1234567' WHERE \"Sequence\" = 9");
        var report = await CompareAsync(app);
        Assert.Equal((long?)9, report.FirstBadSequence);
    }

    private static async Task TamperingsAsync(SafeHomeApp app)
    {
        var head = await SeedAsync(app);
        Assert.True((await CompareAsync(app)).Intact);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(IntegrityCheckSource.Command, null)).Intact);
        }

        await app.DropAuditTriggersAsync();

        await SqlAsync(app, "UPDATE \"AuditEntries\" SET \"UserId\" = 'someone-else' WHERE \"Sequence\" = 8");
        var first = await CompareAsync(app);
        Assert.Equal((ChainProblem.Changed, (long?)8), (first.Problem, first.FirstBadSequence));

        string[] tamperings =
        [
            "UPDATE \"AuditEntries\" SET \"Changes\" = '{{\"Invented\":true}}' WHERE \"Sequence\" = 25",
            "UPDATE \"AuditEntries\" SET \"Hash\" = NULL WHERE \"Sequence\" = 16",
            "UPDATE \"AuditEntries\" SET \"Hash\" = (SELECT \"Hash\" FROM \"AuditEntries\" WHERE \"Sequence\" = 2) WHERE \"Sequence\" = 9",
            "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" IN (12, 13)",
            "DROP INDEX \"IX_AuditEntries_Sequence\"",
            "INSERT INTO \"AuditEntries\" (\"Sequence\", \"OccurredAtUtc\", \"UserId\", \"Action\", \"EntityType\", \"EntityKey\", \"Changes\", \"ResidentId\", \"Hash\") SELECT \"Sequence\", \"OccurredAtUtc\", \"UserId\", \"Action\", \"EntityType\", \"EntityKey\", \"Changes\", \"ResidentId\", \"Hash\" FROM \"AuditEntries\" WHERE \"Sequence\" IN (17, 24)",
            "UPDATE \"AuditEntries\" SET \"Sequence\" = \"Sequence\" + 1 WHERE \"Sequence\" = 31",
            string.Create(CultureInfo.InvariantCulture, $"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {head - 3}"),
        ];
        foreach (var sql in tamperings)
        {
            await SqlAsync(app, sql);
            var report = await CompareAsync(app);
            Assert.Equal((long?)8, report.FirstBadSequence);
        }

        var last = await CompareAsync(app);
        Assert.Equal(
            [ChainProblem.Changed, ChainProblem.Missing, ChainProblem.Truncated, ChainProblem.Duplicated],
            last.Findings.Select(f => f.Problem).Distinct().Order());
    }

    // Audited writes of every shape: residents created through the app (changes as JSON, a resident id) and views.
    private static async Task<long> SeedAsync(SafeHomeApp app)
    {
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        for (var i = 0; i < 3; i++)
        {
            await app.CreateResidentAsync(counselor.Id, preferredName: "Invented Streamer " + i);
        }

        for (var i = 0; i < 30; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditLog>()
                .RecordAsync(AuditActions.View, "Resident", Guid.CreateVersion7().ToString(), i % 3 == 0 ? null : counselor.Id);
        }

        var head = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Sequence));
        Assert.True(head > 40, head.ToString(CultureInfo.InvariantCulture));
        return head;
    }

    private static Task<int> SqlAsync(SafeHomeApp app, string sql) => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    /// Both verifiers over the same database and checkpoints, the streaming one in batches of 8 with 3 workers.
    internal static async Task<ChainReport> CompareAsync(SafeHomeApp app)
    {
        var keeper = app.Services.GetRequiredService<AuditChainKeeper>();
        var paged = await app.WithDbAsync(db => PagedCheckAsync(db, keeper.Key, keeper.ReadCheckpoints()));
        var streamed = await app.WithDbAsync(db => AuditChainVerifier.CheckAsync(db, keeper.Key, keeper.ReadCheckpoints(), batchSize: 8, workers: 3, TestContext.Current.CancellationToken));
        var defaults = await app.WithDbAsync(db => AuditChainVerifier.CheckAsync(db, keeper.Key, keeper.ReadCheckpoints(), TestContext.Current.CancellationToken));

        foreach (var report in new[] { streamed, defaults })
        {
            Assert.Equal(paged.Findings, report.Findings);
            Assert.Equal((paged.Checked, paged.Unsealed, paged.Head, paged.Generation, paged.Message), (report.Checked, report.Unsealed, report.Head, report.Generation, report.Message));
        }

        return streamed;
    }

    // The verifier before issue 16, kept as the reference: EF pages of 5,000 by (sequence, id), every row an entity.
    private static async Task<ChainReport> PagedCheckAsync(SafeHomeDbContext database, byte[] key, IEnumerable<ChainCheckpoint> checkpoints)
    {
        var stored = await database.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.Sequence).ThenByDescending(c => c.Id).Take(3).ToListAsync();
        var verification = new ChainVerification(key, [.. stored.Select(c => c.ToCheckpoint()), .. checkpoints]);
        var (afterSequence, afterId) = (long.MinValue, long.MinValue);
        while (true)
        {
            var (s, i) = (afterSequence, afterId);
            var page = await database.AuditEntries.AsNoTracking()
                .Where(a => a.Sequence > s || (a.Sequence == s && a.Id > i))
                .OrderBy(a => a.Sequence)
                .ThenBy(a => a.Id)
                .Take(5_000)
                .ToListAsync();
            foreach (var entry in page)
            {
                verification.Add(entry);
            }

            if (page.Count < 5_000)
            {
                return verification.Finish();
            }

            (afterSequence, afterId) = (page[^1].Sequence, page[^1].Id);
        }
    }
}
