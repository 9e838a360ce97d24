using System.Runtime.Versioning;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using static SafeHome.IntegrationTests.Infrastructure.OperatorVerbs;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Jobs;

namespace SafeHome.IntegrationTests.Operations;

/// The verbs as an operator types them, through the program's own entry (issue 14, items 4 and 5).
public sealed class OperatorVerbTests
{
    private static readonly Dictionary<string, string> ClusterCrons = new()
    {
        [JobsServiceCollectionExtensions.PlanAlertsJobId] = "0 4 1 1 *",
        [JobsServiceCollectionExtensions.MissingAlertsJobId] = "0 4 2 1 *",
        [JobsServiceCollectionExtensions.AuditVerifyJobId] = "0 4 3 1 *",
        [JobsServiceCollectionExtensions.QuarterlyReportJobId] = "0 4 4 1 *",
        [JobsServiceCollectionExtensions.FieldReencryptJobId] = "0 4 5 1 *",
        [JobsServiceCollectionExtensions.DraftsExpireJobId] = "0 4 6 1 *",
    };

    private static readonly Dictionary<string, string> OtherCronSettings = new()
    {
        ["Jobs:PlanAlertsCron"] = "1 1 1 2 *",
        ["Jobs:MissingAlertsCron"] = "1 1 2 2 *",
        ["Jobs:AuditVerifyCron"] = "1 1 3 2 *",
        ["Jobs:QuarterlyReportCron"] = "1 1 4 2 *",
        ["Jobs:FieldReencryptCron"] = "1 1 5 2 *",
        ["Jobs:DraftsExpireCron"] = "1 1 6 2 *",
    };

    [Fact]
    public async Task Verbs_and_a_web_only_node_with_other_cron_settings_leave_the_stored_schedules_unchanged()
    {
        var folder = NewFolder();
        try
        {
            await using var jobServer = new SafeHomeApp(folder: folder)
            {
                Settings =
                {
                    ["Jobs:RunServer"] = "true",
                    ["Jobs:ShutdownTimeoutSeconds"] = "1",
                    ["Jobs:PlanAlertsCron"] = ClusterCrons[JobsServiceCollectionExtensions.PlanAlertsJobId],
                    ["Jobs:MissingAlertsCron"] = ClusterCrons[JobsServiceCollectionExtensions.MissingAlertsJobId],
                    ["Jobs:AuditVerifyCron"] = ClusterCrons[JobsServiceCollectionExtensions.AuditVerifyJobId],
                    ["Jobs:QuarterlyReportCron"] = ClusterCrons[JobsServiceCollectionExtensions.QuarterlyReportJobId],
                    ["Jobs:FieldReencryptCron"] = ClusterCrons[JobsServiceCollectionExtensions.FieldReencryptJobId],
                    ["Jobs:DraftsExpireCron"] = ClusterCrons[JobsServiceCollectionExtensions.DraftsExpireJobId],
                },
            };
            await jobServer.InitializeAsync();
            Assert.Equal(ClusterCrons, StoredSchedules(jobServer));

            string[] other = [$"--Database:DataFolder={folder}", "--environment=Development", .. OtherCronSettings.Select(s => $"--{s.Key}={s.Value}")];
            Assert.Equal(0, await RunAsync([.. other, "migrate"]));
            Assert.Equal(0, await RunAsync([.. other, "verify-audit"]));
            Assert.Equal(0, await RunAsync([.. other, "create-user", "--email", "verb.admin@example.invalid", "--role", Roles.Admin], SafeHomeApp.Password));
            await using (var webOnly = new SafeHomeApp(folder: folder))
            {
                foreach (var (key, value) in OtherCronSettings)
                {
                    webOnly.Settings[key] = value;
                }

                await webOnly.InitializeAsync();
            }

            Assert.Equal(ClusterCrons, StoredSchedules(jobServer));
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    [Fact]
    public async Task A_job_server_with_other_crons_keeps_the_clusters_schedules_until_apply_schedules_changes_them()
    {
        var folder = NewFolder();
        try
        {
            Dictionary<string, string> clusterSettings = new()
            {
                ["Jobs:PlanAlertsCron"] = ClusterCrons[JobsServiceCollectionExtensions.PlanAlertsJobId],
                ["Jobs:MissingAlertsCron"] = ClusterCrons[JobsServiceCollectionExtensions.MissingAlertsJobId],
                ["Jobs:AuditVerifyCron"] = ClusterCrons[JobsServiceCollectionExtensions.AuditVerifyJobId],
                ["Jobs:QuarterlyReportCron"] = ClusterCrons[JobsServiceCollectionExtensions.QuarterlyReportJobId],
                ["Jobs:FieldReencryptCron"] = ClusterCrons[JobsServiceCollectionExtensions.FieldReencryptJobId],
                    ["Jobs:DraftsExpireCron"] = ClusterCrons[JobsServiceCollectionExtensions.DraftsExpireJobId],
            };
            await using (var first = JobServer(folder, clusterSettings))
            {
                await first.InitializeAsync();
                Assert.Equal(ClusterCrons, StoredSchedules(first));
            }

            // A second job node, configured differently, starts: the cluster's schedule stays, and the node says so.
            await using (var second = JobServer(folder, OtherCronSettings))
            {
                await second.InitializeAsync();
                Assert.Equal(ClusterCrons, StoredSchedules(second));
                Assert.Contains(second.Logs, l => l.Contains("keeps the cluster's schedule", StringComparison.Ordinal) && l.Contains("apply-schedules", StringComparison.Ordinal));
            }

            // The operator's decision changes it, for every node.
            var output = new StringWriter();
            string[] other = [$"--Database:DataFolder={folder}", "--environment=Development", .. OtherCronSettings.Select(s => $"--{s.Key}={s.Value}")];
            Assert.Equal(0, await RunAsync([.. other, "apply-schedules"], output: output));
            Assert.Contains("Rescheduled for the whole cluster", output.ToString(), StringComparison.Ordinal);
            await using var after = new SafeHomeApp(folder: folder);
            await after.InitializeAsync();
            Assert.Equal(OtherCronSettings.Values.Order(), StoredSchedules(after).Values.Order());
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    private static SafeHomeApp JobServer(string folder, Dictionary<string, string> crons)
    {
        var app = new SafeHomeApp(folder: folder);
        app.Settings["Jobs:RunServer"] = "true";
        app.Settings["Jobs:ShutdownTimeoutSeconds"] = "1";
        foreach (var (key, value) in crons)
        {
            app.Settings[key] = value;
        }

        return app;
    }

    [Fact]
    public async Task A_verb_written_after_the_options_is_run_as_the_verb()
    {
        var folder = NewFolder();
        try
        {
            var output = new StringWriter();

            var exit = await RunAsync(["--Database:DataFolder", folder, "--Database:MigrateOnStartup=false", "migrate"], output: output);

            Assert.Equal(0, exit);
            Assert.Equal("The database is up to date.", output.ToString().Trim());
        }
        finally
        {
            DeleteFolder(folder);
        }
    }

    [Fact]
    public async Task An_unknown_verb_ends_with_the_usage_and_exit_code_2_before_touching_anything()
    {
        var folder = NewFolder();
        var error = new StringWriter();

        var exit = await RunAsync([$"--Database:DataFolder={folder}", "verfiy-audit"], error: error);

        Assert.Equal(2, exit);
        Assert.StartsWith("Unknown command \"verfiy-audit\".", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(CommandLine.Usage, error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task The_data_folder_is_created_700_and_its_database_files_600_under_umask_022()
    {
        var parent = NewFolder();
        var folder = Path.Combine(parent, "data");
        var previous = Umask(Convert.ToUInt32("022", 8));
        try
        {
            Assert.Equal(0, await RunAsync([$"--Database:DataFolder={folder}", "--environment=Development", "verify-audit"]));
            await using (var app = new SafeHomeApp(folder: folder))
            {
                // The job storage file is created when a process first needs the storage.
                _ = app.Services.GetRequiredService<JobStorage>();
            }

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            var files = Directory.GetFiles(folder);
            Assert.Contains(Path.Combine(folder, "safehome.db"), files);
            Assert.Contains(Path.Combine(folder, "jobs.db"), files);
            Assert.All(files, f => Assert.Equal((Path.GetFileName(f), UnixFileMode.UserRead | UnixFileMode.UserWrite), (Path.GetFileName(f), File.GetUnixFileMode(f))));
        }
        finally
        {
            _ = Umask(previous);
            DeleteFolder(parent);
        }
    }

    private static Dictionary<string, string> StoredSchedules(SafeHomeApp app)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().ToDictionary(j => j.Id, j => j.Cron);
    }
}
