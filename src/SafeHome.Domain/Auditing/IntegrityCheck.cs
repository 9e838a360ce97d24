namespace SafeHome.Domain.Auditing;

/// One run of the audit chain verification: by the nightly job, an auditor's "Verify integrity" or the
/// <c>verify-audit</c> command. A failed run stays on screen for auditors and directors until a later run passes.
public sealed class IntegrityCheck
{
    public const int MessageMaxLength = 500;

    private IntegrityCheck()
    {
    }

    public IntegrityCheck(ChainReport report, IntegrityCheckSource source, string? requestedById, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(report);
        Id = Guid.CreateVersion7();
        RanAtUtc = nowUtc;
        Source = source;
        RequestedById = requestedById;
        Checked = report.Checked;
        HeadSequence = report.Head.Sequence;
        Intact = report.Intact;
        Problem = report.Problem;
        FirstBadSequence = report.FirstBadSequence;
        Message = report.Message.Length > MessageMaxLength ? report.Message[..MessageMaxLength] : report.Message;
    }

    public Guid Id { get; private set; }
    public DateTime RanAtUtc { get; private set; }
    public IntegrityCheckSource Source { get; private set; }
    public string? RequestedById { get; private set; }
    public long Checked { get; private set; }
    public long HeadSequence { get; private set; }
    public bool Intact { get; private set; }
    public ChainProblem Problem { get; private set; }
    public long? FirstBadSequence { get; private set; }
    public string Message { get; private set; } = string.Empty;
}

public enum IntegrityCheckSource
{
    Nightly,
    Auditor,
    Command,
}
