using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Jobs;

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// Whether this process also executes jobs. Only such a process writes the cluster's recurring schedules (the
    /// cron settings below), when it starts; several nodes may run servers against the shared PostgreSQL storage.
    public bool RunServer { get; set; } = true;

    /// Cron expression of the daily plan-alert computation (server local time).
    public string PlanAlertsCron { get; set; } = "15 5 * * *";

    /// Cron expression of the missing-episode deadline sweep; every few minutes, because the police clock is hours.
    public string MissingAlertsCron { get; set; } = "*/5 * * * *";

    /// Cron expression of the nightly audit-chain verification (server local time).
    public string AuditVerifyCron { get; set; } = "40 2 * * *";

    /// Cron expression of the daily check that requests the last quarter's outcome report once it is due.
    public string QuarterlyReportCron { get; set; } = "30 3 * * *";

    /// Cron expression of the re-encryption sweep that moves field values to the newest key after a rotation.
    public string FieldReencryptCron { get; set; } = "50 * * * *";

    /// Cron expression of the sweep that deletes kept typing past Drafts:Lifetime.
    public string DraftsExpireCron { get; set; } = "20 * * * *";

    /// How long a job picked up by a server that then died stays invisible before another server takes it over. On
    /// PostgreSQL the timeout slides (a running job's server renews it while it works, so a long report is never
    /// started twice) and defaults to 30 s; on SQLite, one machine with one server, it is fixed and defaults to 30 min.
    public int? InvisibilityTimeoutSeconds { get; set; }

    /// How often an idle job server looks for work in the queue (PostgreSQL; SQLite polls every 2 s). With the
    /// sliding timeout this bounds how soon a surviving node takes over a dead node's job: timeout + poll, under a minute.
    public int QueuePollSeconds { get; set; } = 15;

    /// How long a stopping server waits for running jobs before abandoning them to another server.
    public int ShutdownTimeoutSeconds { get; set; } = 15;
}

public static class JobsServiceCollectionExtensions
{
    public const string PlanAlertsJobId = "plan-alerts";
    public const string MissingAlertsJobId = "missing-alerts";
    public const string AuditVerifyJobId = "audit-verify";
    public const string QuarterlyReportJobId = "quarterly-outcome-report";
    public const string FieldReencryptJobId = "field-reencrypt";
    public const string DraftsExpireJobId = "drafts-expire";

    public static IServiceCollection AddSafeHomeJobs(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database, string contentRoot)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddSingleton(options);
        services.AddScoped<PlanAlertsJob>();
        services.AddScoped<MissingAlertsJob>();
        services.AddScoped<AuditVerifyJob>();
        services.AddScoped<OutcomeReportJob>();
        services.AddScoped<QuarterlyReportJob>();
        services.AddScoped<FieldReencryptionJob>();
        services.AddScoped<DraftsExpireJob>();
        services.AddSingleton<ReportStageGate>();
        services.AddSingleton<RecurringSchedules>();
        // Hangfire keeps "the" storage in a static; this host's storage is held here and registered before
        // AddHangfire (which only adds JobStorage if missing), so a second host in the same process (tests, tools)
        // can never enqueue into or serve another host's queue.
        JobStorage? storage = null;
        services.AddSingleton<JobStorage>(provider =>
        {
            _ = provider.GetRequiredService<IGlobalConfiguration>();
            return storage ?? throw new InvalidOperationException("Hangfire storage was not configured.");
        });
        services.AddHangfire((provider, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
                .UseLogProvider(new HangfireLogProvider(provider.GetRequiredService<ILoggerFactory>()));
            if (database.Provider == DatabaseProvider.Postgres)
            {
                storage = config.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(DatabaseServiceCollectionExtensions.ResolveConnectionString(database, contentRoot)),
                    new PostgreSqlStorageOptions
                    {
                        InvisibilityTimeout = TimeSpan.FromSeconds(options.InvisibilityTimeoutSeconds ?? 30),
                        UseSlidingInvisibilityTimeout = true,
                        QueuePollInterval = TimeSpan.FromSeconds(options.QueuePollSeconds),
                    }).Entry;
            }
            else
            {
                // Jobs keep their own SQLite file beside the case database, so job churn never contends with case writes.
                storage = config.UseSQLiteStorage(
                    PrivateFiles.CreateFile(Path.Combine(Path.GetFullPath(database.DataFolder, contentRoot), "jobs.db")),
                    new SQLiteStorageOptions { InvisibilityTimeout = TimeSpan.FromSeconds(options.InvisibilityTimeoutSeconds ?? 30 * 60), QueuePollInterval = TimeSpan.FromSeconds(2) }).Entry;
            }
        });
        if (options.RunServer)
        {
            // A hosted service runs only when the host starts, so operator verbs (which never start it) and web-only
            // nodes leave the stored schedules alone (DESIGN.md: defined once for the cluster).
            services.AddHostedService(provider => provider.GetRequiredService<RecurringSchedules>());
            services.AddHangfireServer(o => o.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownTimeoutSeconds));
        }

        return services;
    }

    public static WebApplication UseSafeHomeJobs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Behind the app's own sign-in and admin policy, and the dashboard's own filter as a second lock.
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new AdminDashboardFilter()], DisplayStorageConnectionString = false })
            .RequireAuthorization(Policies.Admin);
        return app;
    }

    private sealed class AdminDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}
