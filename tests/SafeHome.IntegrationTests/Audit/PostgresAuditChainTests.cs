using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Audit;

/// The audit chain on a real PostgreSQL cluster (SECURITY.md T1, T2): the migrations build the schema and its
/// append-only trigger; UPDATE, DELETE and TRUNCATE through the app's connection are refused; 50 concurrent writers
/// (serialised by the advisory lock) leave one linear chain; a changed entry is named. Also a smoke test that the
/// case pages run on PostgreSQL at all.
public sealed class PostgresAuditChainTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private async Task<SafeHomeApp> StartAsync() => await SafeHomeApp.StartAsync(postgres: await cluster.CreateDatabaseAsync());

    private static Task<int> SqlAsync(SafeHomeApp app, string sql) => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    private static async Task<ChainReport> VerifyAsync(SafeHomeApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(IntegrityCheckSource.Command, null);
    }

    [Fact]
    public async Task The_trigger_refuses_update_delete_and_truncate_through_the_applications_connection()
    {
        await using var app = await StartAsync();
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        await app.CreateResidentAsync(counselor.Id, preferredName: "Invented Pgresident");
        var count = await app.WithDbAsync(db => db.AuditEntries.LongCountAsync());

        foreach (var sql in new[] { "UPDATE \"AuditEntries\" SET \"Action\" = 'view'", "DELETE FROM \"AuditEntries\"", "TRUNCATE \"AuditEntries\"" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => SqlAsync(app, sql));
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }

        Assert.Equal(count, await app.WithDbAsync(db => db.AuditEntries.LongCountAsync()));
        Assert.True((await VerifyAsync(app)).Intact);
    }

    [Fact]
    public async Task Fifty_concurrent_writers_leave_one_linear_chain_and_a_changed_entry_is_named()
    {
        await using var app = await StartAsync();
        var before = await app.WithDbAsync(db => db.AuditEntries.LongCountAsync());

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditLog>()
                .RecordAsync(AuditActions.View, "Resident", Guid.CreateVersion7().ToString(), "writer-" + i.ToString(CultureInfo.InvariantCulture));
        })));

        var sequences = await app.WithDbAsync(db => db.AuditEntries.OrderBy(a => a.Sequence).Select(a => a.Sequence).ToListAsync());
        Assert.Equal(Enumerable.Range(1, (int)before + 50).Select(n => (long)n), sequences);
        Assert.True((await VerifyAsync(app)).Intact);

        await SqlAsync(app, "DROP TRIGGER audit_entries_no_change ON \"AuditEntries\"");
        await SqlAsync(app, "UPDATE \"AuditEntries\" SET \"UserId\" = 'someone-else' WHERE \"Sequence\" = 7");
        var report = await VerifyAsync(app);
        Assert.Equal((ChainProblem.Changed, (long?)7), (report.Problem, report.FirstBadSequence));
    }

    [Fact]
    public async Task A_counselor_opens_a_residents_overview_on_postgresql()
    {
        await using var app = await StartAsync();
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id, preferredName: "Invented Pgresident");

        var page = await browser.GetDocumentAsync($"/Residents/Details/{residentId}");

        Assert.Contains("Invented Pgresident", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.View && a.ResidentId == residentId)));
    }
}
