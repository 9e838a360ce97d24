using SafeHome.Domain.Common;

namespace SafeHome.Domain.Reporting;

/// One outcome report for one period: requested by a director or by the quarterly schedule, built by a background
/// job, kept in the archive. A period may have several versions (regenerated after late entries); each version is
/// built at most once, because (kind, period, version) is unique and the file is stored with the run's success in
/// one transaction.
public sealed class ReportRun
{
    public const int StageMaxLength = 80;
    public const int FailureMaxLength = 300;

    /// Attempts before a failure is final and shown to the director (the first run plus two retries).
    public const int MaxAttempts = 3;

    /// Bumped whenever the report's content or layout changes, so an archived PDF says which format made it.
    public const int CurrentFormat = 1;

    private ReportRun()
    {
    }

    public ReportRun(ReportPeriodKind kind, DateOnly periodStart, DateOnly periodEnd, int version, ReportTrigger trigger, string? requestedById, DateTime nowUtc)
    {
        if (periodEnd < periodStart)
        {
            throw new DomainRuleException(nameof(PeriodEnd), "The period must end on or after its start.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        Id = Guid.CreateVersion7();
        Kind = kind;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        Version = version;
        Trigger = trigger;
        RequestedById = requestedById;
        RequestedAtUtc = nowUtc;
        Status = ReportRunStatus.Queued;
        Stage = "Waiting to start";
        Format = CurrentFormat;
    }

    public Guid Id { get; private set; }
    public ReportPeriodKind Kind { get; private set; }
    public DateOnly PeriodStart { get; private set; }
    public DateOnly PeriodEnd { get; private set; }
    public int Version { get; private set; }
    public ReportTrigger Trigger { get; private set; }
    public string? RequestedById { get; private set; }
    public DateTime RequestedAtUtc { get; private set; }
    public ReportRunStatus Status { get; private set; }
    public int Progress { get; private set; }
    public string Stage { get; private set; } = string.Empty;
    public int Attempts { get; private set; }
    public DateTime? StartedAtUtc { get; private set; }
    public DateTime? CompletedAtUtc { get; private set; }
    public string? FailureReason { get; private set; }
    public int Format { get; private set; }
    public long? SizeBytes { get; private set; }
    public string? Sha256 { get; private set; }
    public int? PageCount { get; private set; }
    public int? SuppressedCells { get; private set; }

    public bool IsInProgress => Status is ReportRunStatus.Queued or ReportRunStatus.Running;

    public bool IsFinished => Status is ReportRunStatus.Succeeded or ReportRunStatus.Failed;

    /// A worker picked the run up (again, after a crash or a retry). Progress is kept: the bar never moves back.
    public void Start(DateTime nowUtc)
    {
        if (IsFinished)
        {
            throw new DomainRuleException(nameof(Status), "This report has already finished.");
        }

        Status = ReportRunStatus.Running;
        Attempts++;
        StartedAtUtc ??= nowUtc;
        FailureReason = null;
    }

    public void Advance(int progress, string stage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(progress);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(progress, 99);
        Progress = Math.Max(Progress, progress);
        Stage = Truncate(stage, StageMaxLength);
    }

    public void Succeed(long sizeBytes, string sha256, int pageCount, int suppressedCells, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        if (Status == ReportRunStatus.Succeeded)
        {
            throw new DomainRuleException(nameof(Status), "This report has already been stored.");
        }

        Status = ReportRunStatus.Succeeded;
        Progress = 100;
        Stage = "Ready";
        SizeBytes = sizeBytes;
        Sha256 = sha256;
        PageCount = pageCount;
        SuppressedCells = suppressedCells;
        CompletedAtUtc = nowUtc;
        FailureReason = null;
    }

    /// Records why an attempt failed. Returns whether the failure is final (no attempts left); until then the run
    /// stays running and the job is retried.
    public bool RecordFailure(string reason, DateTime nowUtc)
    {
        FailureReason = Truncate(reason, FailureMaxLength);
        if (Attempts < MaxAttempts)
        {
            Stage = $"Attempt {Attempts} of {MaxAttempts} failed; trying again";
            return false;
        }

        Status = ReportRunStatus.Failed;
        Stage = "Failed";
        CompletedAtUtc = nowUtc;
        return true;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

public enum ReportPeriodKind
{
    Quarter,
    Year,
}

public enum ReportRunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

public enum ReportTrigger
{
    Director,
    Schedule,
}

/// The PDF of a succeeded run, in its own table so listing the archive never reads the files.
public sealed class ReportFile
{
    private ReportFile()
    {
    }

    public ReportFile(Guid runId, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        RunId = runId;
        Content = content;
    }

    public Guid RunId { get; private set; }

    public byte[] Content { get; private set; } = [];
}
