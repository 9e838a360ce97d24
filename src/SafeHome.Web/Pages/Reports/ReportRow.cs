using SafeHome.Domain.Reporting;

namespace SafeHome.Web.Pages.Reports;

/// A run as the archive and the run page show it: the period in words, never a resident.
public sealed record ReportRow(
    Guid Id,
    string Period,
    int Version,
    ReportRunStatus Status,
    int Progress,
    string Stage,
    string RequestedBy,
    DateTime RequestedAt,
    DateTime? CompletedAt,
    long? SizeBytes,
    string? Sha256,
    int? PageCount,
    int? SuppressedCells,
    string? FailureReason)
{
    public static string PeriodLabel(ReportRun run) => ReportRequests.PeriodOf(run).Label;

    public string Size => SizeBytes switch
    {
        null => "—",
        < 1024 => $"{SizeBytes} bytes",
        < 1024 * 1024 => $"{SizeBytes / 1024.0:0.#} KB",
        _ => $"{SizeBytes / (1024.0 * 1024.0):0.##} MB",
    };

    public string StatusText => Status switch
    {
        ReportRunStatus.Queued => "Waiting",
        ReportRunStatus.Running => "Building",
        ReportRunStatus.Succeeded => "Ready",
        _ => "Failed",
    };
}
