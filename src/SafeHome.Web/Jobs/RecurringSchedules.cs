using Hangfire;
using Hangfire.Storage;

namespace SafeHome.Web.Jobs;

// Writes the cluster's recurring-job schedules from this node's Jobs cron settings. Registered as a hosted service
// only on nodes that run jobs (Jobs:RunServer), so the schedule is whatever the job servers are configured with.
public sealed partial class RecurringSchedules(IRecurringJobManager jobs, JobStorage storage, JobsOptions options, ILogger<RecurringSchedules> logger) : IHostedService
{
    public void Apply()
    {
        Dictionary<string, string> stored;
        using (var connection = storage.GetConnection())
        {
            stored = connection.GetRecurringJobs().Where(j => j.Cron is not null).ToDictionary(j => j.Id, j => j.Cron);
        }

        Schedule<PlanAlertsJob>(JobsServiceCollectionExtensions.PlanAlertsJobId, job => job.RunAsync(CancellationToken.None), options.PlanAlertsCron, stored);
        Schedule<MissingAlertsJob>(JobsServiceCollectionExtensions.MissingAlertsJobId, job => job.RunAsync(CancellationToken.None), options.MissingAlertsCron, stored);
        Schedule<AuditVerifyJob>(JobsServiceCollectionExtensions.AuditVerifyJobId, job => job.RunAsync(CancellationToken.None), options.AuditVerifyCron, stored);
        Schedule<QuarterlyReportJob>(JobsServiceCollectionExtensions.QuarterlyReportJobId, job => job.RunAsync(CancellationToken.None), options.QuarterlyReportCron, stored);
        Schedule<FieldReencryptionJob>(JobsServiceCollectionExtensions.FieldReencryptJobId, job => job.RunAsync(CancellationToken.None), options.FieldReencryptCron, stored);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Apply();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Schedule<T>(string id, System.Linq.Expressions.Expression<Func<T, Task>> call, string cron, Dictionary<string, string> stored)
    {
        // Job servers configured with different crons take turns overwriting each other; the log shows it.
        if (stored.TryGetValue(id, out var previous) && previous != cron)
        {
            LogRescheduled(id, previous, cron);
        }

        jobs.AddOrUpdate(id, call, cron);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recurring job {JobId} rescheduled from \"{Previous}\" to \"{Cron}\" by this job server's Jobs settings.")]
    private partial void LogRescheduled(string jobId, string previous, string cron);
}
