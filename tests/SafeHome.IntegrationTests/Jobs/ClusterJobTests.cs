using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Domain.Reporting;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.IntegrationTests.Pages.Reports;
using SafeHome.Web.Jobs;

namespace SafeHome.IntegrationTests.Jobs;

/// Issue 17 item 3: job servers on several nodes sharing PostgreSQL job storage. In the serial collection: beside the
/// suite's parallel hosts on both databases (two cores in CI), a job node polling every second still went a minute
/// without picking its report up.
[Collection(nameof(OneJobServerAtATime))]
public sealed class ClusterJobTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    [Fact]
    public async Task A_report_requested_on_a_web_only_node_is_made_once_by_the_job_node()
    {
        var database = await cluster.CreateDatabaseAsync();
        var shared = SafeHomeApp.NodeSecrets();
        await using var web = await StartAsync(database, shared, runServer: false, new ReportStageGate());
        await using var jobs = await StartAsync(database, shared, runServer: true, new ReportStageGate());
        var (_, director) = await web.SignInNewAsync(Roles.ProgramDirector);

        var runId = await ReportsTests.RequestAsync(director, "Quarter", "2026", "1");
        var run = await ReportJobRestartTests.WaitForAsync(jobs, r => r.IsFinished, TimeSpan.FromSeconds(60));

        Assert.Equal(runId, run.Id);
        Assert.Equal(ReportRunStatus.Succeeded, run.Status);
        Assert.Equal(1, run.Attempts);
        Assert.Equal(1, await jobs.WithDbAsync(db => db.ReportFiles.CountAsync()));
    }

    [Fact]
    public async Task A_jobs_only_node_shows_no_page_and_makes_the_report_a_web_node_asked_for()
    {
        var database = await cluster.CreateDatabaseAsync();
        var shared = SafeHomeApp.NodeSecrets();
        await using var web = await StartAsync(database, shared, runServer: false, new ReportStageGate());
        await using var jobs = await StartAsync(database, shared, runServer: true, new ReportStageGate(), serveWeb: false);

        foreach (var path in new[] { "/", "/Account/Login", "/hangfire", "/Residents", "/css/site.css" })
        {
            var response = await jobs.CreateBrowser().GetAsync(path);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.NotFound && (await response.Content.ReadAsStringAsync()).Length == 0, $"{path}: {(int)response.StatusCode}");
        }

        var (_, director) = await web.SignInNewAsync(Roles.ProgramDirector);
        var runId = await ReportsTests.RequestAsync(director, "Quarter", "2026", "1");
        var run = await ReportJobRestartTests.WaitForAsync(web, r => r.IsFinished, TimeSpan.FromSeconds(60));

        Assert.Equal((runId, ReportRunStatus.Succeeded), (run.Id, run.Status));
    }

    internal const int InvisibilitySeconds = 5;

    internal static async Task<SafeHomeApp> StartAsync(string database, Dictionary<string, string> shared, bool runServer, ReportStageGate gate, bool serveWeb = true)
    {
        var node = new SafeHomeApp(postgres: database) { ConfigureTestServices = s => s.AddSingleton(gate) };
        foreach (var (key, value) in shared)
        {
            node.Settings[key] = value;
        }

        node.Settings["Jobs:RunServer"] = runServer ? "true" : "false";
        node.Settings["Jobs:ShutdownTimeoutSeconds"] = "1";
        node.Settings["Jobs:InvisibilityTimeoutSeconds"] = InvisibilitySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        node.Settings["Jobs:QueuePollSeconds"] = "1";
        node.Settings["Web:Serve"] = serveWeb ? "true" : "false";
        await node.InitializeAsync();
        return node;
    }
}

/// The sliding invisibility timeout, timed in seconds: in the serial collection with the SQLite restart test, so real
/// job servers renewing their jobs every second or two do not compete with a hundred parallel hosts for the CPU.
[Collection(nameof(OneJobServerAtATime))]
public sealed class ClusterTakeoverTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    [Fact]
    public async Task A_long_report_is_never_run_twice_at_once_and_a_dead_nodes_report_is_finished_by_another_within_a_minute()
    {
        var database = await cluster.CreateDatabaseAsync();
        var shared = SafeHomeApp.NodeSecrets();
        var stuck = new StuckGate(atProgress: 65);
        try
        {
            await using (var first = await ClusterJobTests.StartAsync(database, shared, runServer: true, stuck))
            {
                var (_, director) = await first.SignInNewAsync(Roles.ProgramDirector);
                await ReportsTests.RequestAsync(director, "Quarter", "2026", "1");
                Assert.True(await Task.WhenAny(stuck.Reached.Task, Task.Delay(TimeSpan.FromSeconds(60))) == stuck.Reached.Task, "The first node never started the report.");

                // A second node polls the queue for three times the invisibility timeout while the first still works
                // on the report: the sliding timeout keeps the job the first node's, so nobody starts it again.
                await using var second = await ClusterJobTests.StartAsync(database, shared, runServer: true, new ReportStageGate());
                await Task.Delay(TimeSpan.FromSeconds(3 * ClusterJobTests.InvisibilitySeconds));
                var meanwhile = await second.WithDbAsync(db => db.ReportRuns.AsNoTracking().SingleAsync());
                Assert.Equal((ReportRunStatus.Running, 65, 1), (meanwhile.Status, meanwhile.Progress, meanwhile.Attempts));
            }

            // The first node dies (its job never lets go); a surviving node takes the report over within a minute.
            await using var survivor = await ClusterJobTests.StartAsync(database, shared, runServer: true, new ReportStageGate());
            var started = DateTime.UtcNow;
            var run = await ReportJobRestartTests.WaitForAsync(survivor, r => r.IsFinished, TimeSpan.FromSeconds(60));

            Assert.True(run.Status == ReportRunStatus.Succeeded, $"{run.Status} after {(DateTime.UtcNow - started).TotalSeconds:F0} s: {run.FailureReason}");
            Assert.Equal(2, run.Attempts);
            Assert.Equal(1, await survivor.WithDbAsync(db => db.ReportFiles.CountAsync()));
        }
        finally
        {
            stuck.Release.TrySetException(new OperationCanceledException("test over"));
        }
    }
}
