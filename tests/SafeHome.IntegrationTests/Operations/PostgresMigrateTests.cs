using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Infrastructure;

namespace SafeHome.IntegrationTests.Operations;

/// Issue 14: `migrate` against a PostgreSQL database nobody created explains itself in one line and exits 2; issue 17:
/// so does any verb against a server that cannot be reached.
public sealed class PostgresMigrateTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    [Fact]
    public async Task Migrate_against_a_database_that_does_not_exist_says_so_in_one_line_and_exits_2()
    {
        var folder = Path.Combine(Path.GetTempPath(), "safehome-tests", Guid.NewGuid().ToString("N"));
        var error = new StringWriter();
        try
        {
            var exit = await CommandLine.MainAsync(
                ["migrate", "--Database:Provider=Postgres", $"--Database:ConnectionString={cluster.MissingDatabase()}", $"--Database:DataFolder={folder}"],
                TextReader.Null,
                TextWriter.Null,
                error).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

            Assert.Equal(2, exit);
            var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Contains("does not exist", line, StringComparison.Ordinal);
            Assert.Contains("safehome_missing_", line, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_verb_against_a_server_that_is_not_running_says_so_in_one_line_and_exits_2()
    {
        var folder = Path.Combine(Path.GetTempPath(), "safehome-tests", Guid.NewGuid().ToString("N"));
        var error = new StringWriter();
        const string Password = "invented-secret-7731";
        try
        {
            // Port 1 on loopback: nothing listens there.
            var exit = await CommandLine.MainAsync(
                ["verify-audit", "--Database:Provider=Postgres", $"--Database:ConnectionString=Host=127.0.0.1;Port=1;Database=safehome;Username=safehome;Password={Password};Timeout=5", $"--Database:DataFolder={folder}"],
                TextReader.Null,
                TextWriter.Null,
                error).WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);

            Assert.Equal(2, exit);
            var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.Contains("could not be reached", line, StringComparison.Ordinal);
            Assert.Contains("127.0.0.1", line, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, line, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
