using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Infrastructure;
using static SafeHome.IntegrationTests.Infrastructure.OperatorVerbs;

namespace SafeHome.IntegrationTests.Operations;

/// On PostgreSQL the server's own tools take and put back the database; the verbs say so, and `restore` then checks the
/// restored chain against the site's checkpoints and records an older restore once the operator confirms it (issue 14).
public sealed class PostgresRestoreTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    [Fact]
    public async Task A_pg_restore_of_an_older_dump_is_named_refused_until_confirmed_and_then_verifies_on_every_node()
    {
        var (site, node, backups) = (NewFolder(), NewFolder(), NewFolder());
        Directory.CreateDirectory(backups);
        var shared = Path.Combine(backups, "shared-checkpoint.json");
        try
        {
            var live = await cluster.CreateDatabaseAsync();
            await using var app = new SafeHomeApp(postgres: live, folder: site) { Settings = { ["Audit:SharedCheckpointFile"] = shared } };
            await app.InitializeAsync();
            var counselor = await app.CreateStaffAsync(Roles.Counselor);
            await app.CreateResidentAsync(counselor.Id);
            var keeper = app.Services.GetRequiredService<AuditChainKeeper>();
            var dumpedHead = await app.WithDbAsync(async db => (await AuditChainVerifier.CheckAsync(db, keeper.Key, [])).Head.Sequence);
            var dump = Path.Combine(backups, "monday.dump");
            await cluster.DumpAsync(live, dump);

            await app.CreateResidentAsync(counselor.Id, "Later Example", "Later Q. Example");
            var checkedHead = await app.WithDbAsync(async db => (await new AuditChainVerifier(db, keeper, TimeProvider.System).VerifyAsync(IntegrityCheckSource.Command, null)).Head.Sequence);
            var restored = await cluster.RestoreAsync(dump);
            var fieldKeys = (await File.ReadAllTextAsync(Path.Combine(site, "field-encryption.keys"), TestContext.Current.CancellationToken)).Trim();
            string[] options = ["--Database:Provider=Postgres", $"--Database:ConnectionString={restored}", $"--Database:DataFolder={node}", $"--Audit:Key={Convert.ToBase64String(keeper.Key)}", $"--Encryption:Keys={fieldKeys}", $"--Audit:SharedCheckpointFile={shared}"];

            var advice = new StringWriter();
            Assert.Equal(2, await RunAsync([.. options, "backup", "--to", Path.Combine(backups, "x.zip")], error: advice));
            Assert.Contains("pg_dump --format=custom", advice.ToString(), StringComparison.Ordinal);
            Assert.Equal(2, await RunAsync([.. options, "restore", "--from", dump], error: new StringWriter()));

            var refusal = new StringWriter();
            Assert.Equal(1, await RunAsync([.. options, "restore"], error: refusal));
            Assert.Contains($"Entries {dumpedHead + 1} to {checkedHead} ({checkedHead - dumpedHead} entries", refusal.ToString(), StringComparison.Ordinal);
            var verify = new StringWriter();
            Assert.Equal(1, await RunAsync([.. options, "verify-audit"], output: verify, error: new StringWriter()));
            Assert.Contains("Truncated", verify.ToString(), StringComparison.Ordinal);

            Assert.Equal(0, await RunAsync([.. options, "restore", "--confirm-older", "Drill: invented outage, Monday's dump"]));
            Assert.Equal(0, await RunAsync([.. options, "verify-audit"]));

            // The original node still holds its own pre-restore checkpoint file; pointed at the restored database it agrees.
            string[] original = [.. options.Where(o => !o.StartsWith("--Database:DataFolder=", StringComparison.Ordinal)), $"--Database:DataFolder={site}"];
            Assert.Equal(0, await RunAsync([.. original, "verify-audit"]));
        }
        finally
        {
            DeleteFolder(site);
            DeleteFolder(node);
            DeleteFolder(backups);
        }
    }
}
