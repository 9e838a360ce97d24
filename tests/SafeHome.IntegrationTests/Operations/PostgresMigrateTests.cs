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
        var (exit, line) = await RunVerbAsync("migrate", cluster.MissingDatabase());

        Assert.Equal(2, exit);
        Assert.Contains("does not exist", line, StringComparison.Ordinal);
        Assert.Contains("safehome_missing_", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verb_against_a_server_that_is_not_running_says_so_in_one_line_and_exits_2()
    {
        const string Password = "invented-secret-7731";

        // Port 1 on loopback: nothing listens there.
        var (exit, line) = await RunVerbAsync("verify-audit", $"Host=127.0.0.1;Port=1;Database=safehome;Username=safehome;Password={Password};Timeout=5");

        Assert.Equal(2, exit);
        Assert.Contains("could not be reached", line, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, line, StringComparison.Ordinal);
    }

    /// The verb on PostgreSQL from a fresh data folder: its exit code and the one line it wrote to standard error.
    private static async Task<(int Exit, string Line)> RunVerbAsync(string verb, string connectionString)
    {
        var folder = Path.Combine(Path.GetTempPath(), "safehome-tests", Guid.NewGuid().ToString("N"));
        var error = new StringWriter();
        try
        {
            var exit = await CommandLine.MainAsync(
                [verb, "--Database:Provider=Postgres", $"--Database:ConnectionString={connectionString}", $"--Database:DataFolder={folder}"],
                TextReader.Null,
                TextWriter.Null,
                error).WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);
            return (exit, Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
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
