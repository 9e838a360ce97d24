using Hangfire;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Start;

public sealed record AccountRow(string Id, string Name, string? Detail = null);

public sealed record WaitingChangeRow(string AccountId, string Name, AccountChangeKind Kind, DateTime RequestedAt);

/// A job that failed for good: which job and when, and the kind of error. Never its arguments or message, which are
/// the job's business and could name what it worked on.
public sealed record FailedJobRow(string Job, DateTime? FailedAt, string? ErrorType);

public sealed record PolicyChange(DateTime At, string By);

/// An administrator's start: accounts that need them (locked out, deactivated, waiting for a director's confirmation,
/// signing in without an authenticator), jobs that failed, and when the jurisdiction policy last changed. No case
/// content: administrators run accounts and settings.
public sealed record AdminStart(
    IReadOnlyList<AccountRow> LockedOut,
    IReadOnlyList<AccountRow> Deactivated,
    IReadOnlyList<WaitingChangeRow> Waiting,
    IReadOnlyList<AccountRow> WithoutMfa,
    long FailedJobCount,
    IReadOnlyList<FailedJobRow> FailedJobs,
    PolicyChange? PolicyChanged)
{
    public const int FailedJobsShown = 10;

    public static async Task<AdminStart> LoadAsync(SafeHomeDbContext db, TimeProvider clock, JobStorage jobs)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(jobs);
        var now = new DateTimeOffset(DateTime.SpecifyKind(clock.UtcNow(), DateTimeKind.Utc));
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Select(u => new { u.Id, u.DisplayName, u.IsActive, u.LockoutEnd, u.TwoFactorEnabled })
            .ToListAsync();
        var lockedOut = users.Where(u => u.IsActive && u.LockoutEnd > now)
            .Select(u => new AccountRow(u.Id, u.DisplayName, $"until {clock.ToLocal(u.LockoutEnd!.Value.UtcDateTime):yyyy-MM-dd HH:mm}")).ToList();
        var deactivated = users.Where(u => !u.IsActive).Select(u => new AccountRow(u.Id, u.DisplayName)).ToList();
        var withoutMfa = users.Where(u => u.IsActive && !u.TwoFactorEnabled).Select(u => new AccountRow(u.Id, u.DisplayName)).ToList();
        var names = users.ToDictionary(u => u.Id, u => u.DisplayName);
        var waiting = (await db.AccountChangeRequests.AsNoTracking()
                .Where(r => r.Status == AccountChangeStatus.Open)
                .OrderBy(r => r.RequestedAtUtc)
                .Select(r => new { r.AccountId, r.Kind, r.RequestedAtUtc })
                .ToListAsync())
            .Select(r => new WaitingChangeRow(r.AccountId, names.GetValueOrDefault(r.AccountId, "(removed account)"), r.Kind, clock.ToLocal(r.RequestedAtUtc)))
            .ToList();

        var monitoring = jobs.GetMonitoringApi();
        var failedCount = monitoring.FailedCount();
        var failed = monitoring.FailedJobs(0, FailedJobsShown)
            .Select(j => new FailedJobRow(
                j.Value?.Job is { } job ? $"{job.Type.Name}.{job.Method.Name}" : "(job no longer known)",
                j.Value?.FailedAt is { } at ? clock.ToLocal(at) : null,
                j.Value?.ExceptionType))
            .ToList();

        var policy = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(JurisdictionPolicy))
            .OrderByDescending(a => a.Sequence)
            .Select(a => new { a.OccurredAtUtc, a.UserId })
            .FirstOrDefaultAsync();
        return new AdminStart(
            lockedOut,
            deactivated,
            waiting,
            withoutMfa,
            failedCount,
            failed,
            policy is null ? null : new PolicyChange(clock.ToLocal(policy.OccurredAtUtc), policy.UserId is { } id ? names.GetValueOrDefault(id, "(former staff)") : "SafeHome"));
    }
}
