using Hangfire;
using Hangfire.Storage;

namespace SafeHome.Web.Jobs;

// The cluster's recurring-job schedules, defined once (DESIGN.md). A job server that starts writes a schedule only
// where the cluster has none; where one is stored it keeps the stored cron, even if its own Jobs settings differ (it
// says so in the log), so job nodes with different settings never take turns rewriting it. Changing the cluster's
// schedule is an operator's decision: the apply-schedules verb writes this process's crons over the stored ones.
public sealed partial class RecurringSchedules(IRecurringJobManager jobs, JobStorage storage, JobsOptions options, ILogger<RecurringSchedules> logger) : IHostedService
{
    /// At a job server's start: the missing schedules from its settings; the stored ones stay.
    public void Apply() => Write(overwrite: false);

    /// The apply-schedules verb: every schedule from this process's settings. Returns the ids whose cron changed.
    public IReadOnlyList<string> Overwrite() => Write(overwrite: true);

    private List<string> Write(bool overwrite)
    {
        Dictionary<string, string> stored;
        using (var connection = storage.GetConnection())
        {
            stored = connection.GetRecurringJobs().Where(j => j.Cron is not null).ToDictionary(j => j.Id, j => j.Cron);
        }

        var changed = new List<string>();
        void Schedule<T>(string id, System.Linq.Expressions.Expression<Func<T, Task>> call, string cron)
        {
            var kept = cron;
            if (stored.TryGetValue(id, out var previous) && previous != cron)
            {
                if (overwrite)
                {
                    changed.Add(id);
                }
                else
                {
                    LogKept(id, previous, cron);
                    kept = previous;
                }
            }

            // Written even when the cron is kept, so the stored call follows this version of the job.
            jobs.AddOrUpdate(id, call, kept);
        }

        Schedule<PlanAlertsJob>(JobsServiceCollectionExtensions.PlanAlertsJobId, job => job.RunAsync(CancellationToken.None), options.PlanAlertsCron);
        Schedule<MissingAlertsJob>(JobsServiceCollectionExtensions.MissingAlertsJobId, job => job.RunAsync(CancellationToken.None), options.MissingAlertsCron);
        Schedule<AuditVerifyJob>(JobsServiceCollectionExtensions.AuditVerifyJobId, job => job.RunAsync(CancellationToken.None), options.AuditVerifyCron);
        Schedule<QuarterlyReportJob>(JobsServiceCollectionExtensions.QuarterlyReportJobId, job => job.RunAsync(CancellationToken.None), options.QuarterlyReportCron);
        Schedule<FieldReencryptionJob>(JobsServiceCollectionExtensions.FieldReencryptJobId, job => job.RunAsync(CancellationToken.None), options.FieldReencryptCron);
        Schedule<DraftsExpireJob>(JobsServiceCollectionExtensions.DraftsExpireJobId, job => job.RunAsync(CancellationToken.None), options.DraftsExpireCron);
        return changed;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Apply();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recurring job {JobId} keeps the cluster's schedule \"{Stored}\"; this job server's Jobs settings say \"{Cron}\". To change the cluster's schedule, run apply-schedules with the new settings.")]
    private partial void LogKept(string jobId, string stored, string cron);
}
