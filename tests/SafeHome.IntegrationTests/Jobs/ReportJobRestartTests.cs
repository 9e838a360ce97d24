using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Domain.Reporting;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.IntegrationTests.Pages.Reports;
using SafeHome.Web.Jobs;

namespace SafeHome.IntegrationTests.Jobs;

/// SECURITY.md R2 through the real Hangfire server: a report job caught in the middle when its server stops (and
/// never lets go, like a killed process) is taken over by the next server once its invisibility timeout has passed,
/// and the period ends up with exactly one stored report. It runs on its own, after the parallel tests: two real job
/// servers one after the other, with timeouts in seconds, should not compete with a hundred other hosts for the CPU.
[Collection(nameof(OneJobServerAtATime))]
public sealed class ReportJobRestartTests
{
    [Fact]
    public async Task A_report_job_stranded_by_a_stopped_server_is_finished_by_the_next_one_and_stored_once()
    {
        var folder = Path.Combine(Path.GetTempPath(), "safehome-tests", Guid.NewGuid().ToString("N"));
        var stuck = new StuckGate(atProgress: 65);
        Guid runId;
        try
        {
            await using (var first = Server(folder, stuck))
            {
                await first.InitializeAsync();
                var (_, director) = await first.SignInNewAsync(Roles.ProgramDirector);
                runId = await ReportsTests.RequestAsync(director, "Quarter", "2026", "1");

                if (await Task.WhenAny(stuck.Reached.Task, Task.Delay(TimeSpan.FromSeconds(120))) != stuck.Reached.Task)
                {
                    var stranded = await first.WithDbAsync(db => db.ReportRuns.AsNoTracking().SingleAsync());
                    Assert.Fail($"The first server never reached the held stage: {stranded.Status} {stranded.Progress}% '{stranded.Stage}' attempts {stranded.Attempts} ({stranded.FailureReason}).\n"
                        + string.Join("\n", first.Logs.Where(l => l.Contains("Hangfire", StringComparison.Ordinal) || l.Contains("fail", StringComparison.OrdinalIgnoreCase)).TakeLast(40)));
                }

                var midway = await first.WithDbAsync(db => db.ReportRuns.AsNoTracking().SingleAsync());
                Assert.Equal(ReportRunStatus.Running, midway.Status);
                Assert.Equal(65, midway.Progress);
            }

            await using var second = Server(folder, new ReportStageGate());
            await second.InitializeAsync();
            var run = await WaitForAsync(second, r => r.IsFinished, TimeSpan.FromSeconds(90));

            Assert.Equal(runId, run.Id);
            Assert.Equal(ReportRunStatus.Succeeded, run.Status);
            Assert.Equal(100, run.Progress);
            Assert.Equal(2, run.Attempts);
            Assert.Equal(1, await second.WithDbAsync(db => db.ReportRuns.CountAsync()));
            var file = await second.WithDbAsync(db => db.ReportFiles.AsNoTracking().SingleAsync());
            Assert.Equal(runId, file.RunId);
            Assert.Equal(run.SizeBytes, file.Content.LongLength);
        }
        finally
        {
            // The stranded job on the stopped server may now end; whatever it tries finds the report stored.
            stuck.Release.TrySetException(new OperationCanceledException("test over"));
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Cleaned with the temp folder.
            }
        }
    }

    private static SafeHomeApp Server(string folder, ReportStageGate gate) =>
        new(folder: folder)
        {
            Settings =
            {
                ["Jobs:RunServer"] = "true",
                ["Jobs:ShutdownTimeoutSeconds"] = "1",
                ["Jobs:InvisibilityTimeoutSeconds"] = "4",
            },
            ConfigureTestServices = s => s.AddSingleton(gate),
        };

    internal static async Task<ReportRun> WaitForAsync(SafeHomeApp app, Func<ReportRun, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var run = await app.WithDbAsync(db => db.ReportRuns.AsNoTracking().SingleAsync());
            if (done(run) || DateTime.UtcNow > until)
            {
                return run;
            }

            await Task.Delay(250);
        }
    }
}

/// Holds the run at one stage and, like a killed process, ignores the server's request to stop.
internal sealed class StuckGate(int atProgress) : ReportStageGate
{
    public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Task ReachedAsync(Guid runId, int progress, CancellationToken cancellationToken)
    {
        if (progress != atProgress)
        {
            return Task.CompletedTask;
        }

        Reached.TrySetResult();
        return Release.Task;
    }
}

[CollectionDefinition(nameof(OneJobServerAtATime), DisableParallelization = true)]
public sealed class OneJobServerAtATime;
