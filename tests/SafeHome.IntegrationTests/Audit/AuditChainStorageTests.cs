using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Audit;

/// SECURITY.md T1 and T2 against the real SQLite database: the triggers refuse UPDATE and DELETE on the application's
/// own connection; with the triggers dropped (as an intruder with file access would), a changed field, a deleted
/// middle entry and a cut-off tail are each found and named; 50 concurrent writers leave one linear chain.
public sealed class AuditChainStorageTests
{
    private static async Task<ChainReport> VerifyAsync(SafeHomeApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(IntegrityCheckSource.Command, null);
    }

    /// A few residents and edits, so the chain has a middle and a tail.
    private static async Task<long> WriteHistoryAsync(SafeHomeApp app)
    {
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        for (var i = 0; i < 3; i++)
        {
            await app.CreateResidentAsync(counselor.Id, preferredName: "Invented Resident " + i.ToString(CultureInfo.InvariantCulture));
        }

        return await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => a.Sequence));
    }

    private static Task<int> SqlAsync(SafeHomeApp app, string sql) => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    private static Task DropTriggersAsync(SafeHomeApp app) => app.DropAuditTriggersAsync();

    [Theory, Providers]
    public async Task The_triggers_refuse_update_and_delete_through_the_applications_connection(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var head = await WriteHistoryAsync(app);

        var update = await Assert.ThrowsAnyAsync<DbException>(() => SqlAsync(app, "UPDATE \"AuditEntries\" SET \"Action\" = 'view' WHERE \"Sequence\" = 2"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => SqlAsync(app, "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 2"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal(head, await app.WithDbAsync(db => db.AuditEntries.LongCountAsync()));
        Assert.True((await VerifyAsync(app)).Intact);
    }

    [Theory, Providers]
    public async Task Every_entry_is_sealed_with_a_gapless_sequence_and_a_verification_moves_the_checkpoint(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var head = await WriteHistoryAsync(app);

        var report = await VerifyAsync(app);

        var sequences = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(n => (long)n), sequences);
        Assert.True(report.Intact, report.Message);
        Assert.Equal((head, head), (report.Checked, report.Head.Sequence));
        var keeper = app.Services.GetRequiredService<AuditChainKeeper>();
        Assert.Equal(head, Assert.Single(keeper.ReadCheckpoints()).Sequence);
        var check = await app.WithDbAsync(db => db.IntegrityChecks.SingleAsync());
        Assert.Equal((true, head, IntegrityCheckSource.Command), (check.Intact, check.Checked, check.Source));
    }

    [Theory, Providers]
    public async Task A_field_changed_by_raw_sql_is_named_by_its_sequence(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        await WriteHistoryAsync(app);
        Assert.True((await VerifyAsync(app)).Intact);
        await DropTriggersAsync(app);

        await SqlAsync(app, "UPDATE \"AuditEntries\" SET \"UserId\" = 'someone-else' WHERE \"Sequence\" = 3");

        var report = await VerifyAsync(app);
        Assert.Equal((ChainProblem.Changed, (long?)3), (report.Problem, report.FirstBadSequence));
        Assert.Single(report.Findings);
        Assert.Equal(await app.WithDbAsync(db => db.AuditEntries.LongCountAsync()), report.Checked);
        Assert.False(await app.WithDbAsync(db => db.IntegrityChecks.OrderByDescending(c => c.RanAtUtc).ThenByDescending(c => c.Id).Select(c => c.Intact).FirstAsync()));
    }

    [Theory, Providers]
    public async Task A_deleted_middle_entry_is_reported_missing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        await WriteHistoryAsync(app);
        await DropTriggersAsync(app);

        await SqlAsync(app, "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 4");

        var report = await VerifyAsync(app);
        Assert.Equal((ChainProblem.Missing, (long?)4), (report.Problem, report.FirstBadSequence));
    }

    [Theory, Providers]
    public async Task A_cut_off_tail_is_caught_against_the_checkpoint_outside_the_database(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var head = await WriteHistoryAsync(app);
        Assert.True((await VerifyAsync(app)).Intact);
        await DropTriggersAsync(app);

        await SqlAsync(app, string.Create(CultureInfo.InvariantCulture, $"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {head - 3}"));

        var report = await VerifyAsync(app);
        Assert.Equal((ChainProblem.Truncated, (long?)(head - 2)), (report.Problem, report.FirstBadSequence));
        Assert.Contains("cut off", report.Message, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task Fifty_concurrent_writers_leave_one_linear_chain(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var before = await app.WithDbAsync(db => db.AuditEntries.LongCountAsync());

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            await audit.RecordAsync(AuditActions.View, "Resident", Guid.CreateVersion7().ToString(), "writer-" + i.ToString(CultureInfo.InvariantCulture));
        })));

        var sequences = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync());
        Assert.Equal(before + 50, sequences.Count);
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(n => (long)n), sequences);
        var report = await VerifyAsync(app);
        Assert.True(report.Intact, report.Message);
        Assert.Equal(before + 50, report.Checked);
    }

    [Theory, Providers]
    public async Task A_save_that_ends_in_a_concurrency_conflict_frees_the_chain_lock_for_the_next_writer(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);

        var conflict = await app.WithDbAsync(async db =>
        {
            var resident = await db.Residents.SingleAsync(r => r.Id == residentId);
            db.ExpectAndBumpVersion(resident, resident.Version + 41);
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });
        Assert.IsType<DbUpdateConcurrencyException>(conflict);

        // Without the release this waits for ever; the timeout turns a hang into a failure.
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AuditLog>()
            .RecordAsync(AuditActions.View, "Resident", residentId.ToString(), counselor.Id)
            .WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True((await VerifyAsync(app)).Intact);
    }
}
