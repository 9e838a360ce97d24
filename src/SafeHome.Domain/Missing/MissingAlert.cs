using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;

namespace SafeHome.Domain.Missing;

/// An overdue missing-episode deadline, raised once by the recurring job ((Kind, SubjectId) is unique) and shown as a
/// banner until the deadline is met, when the job marks it resolved.
public sealed class MissingAlert
{
    private MissingAlert()
    {
    }

    public MissingAlert(OverdueItem item, DateTime raisedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(item);
        Id = Guid.CreateVersion7();
        Kind = item.Kind;
        ResidentId = item.ResidentId;
        EpisodeId = item.EpisodeId;
        SubjectId = item.SubjectId;
        DueAtUtc = item.DueAtUtc;
        RaisedAtUtc = raisedAtUtc;
    }

    public Guid Id { get; private set; }
    public MissingAlertKind Kind { get; private set; }
    public Guid ResidentId { get; private set; }
    public Guid EpisodeId { get; private set; }
    public Guid SubjectId { get; private set; }
    public DateTime DueAtUtc { get; private set; }
    public DateTime RaisedAtUtc { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }

    public void Resolve(DateTime nowUtc) => ResolvedAtUtc ??= nowUtc;
}

/// Work a missing episode or a disclosure asks for (DOMAIN.md §6B step 6, §6C step 5): a triggered plan review and a
/// new placement-safety decision. Open until the review or decision is recorded.
public sealed class CareFollowUp : IAudited
{
    private CareFollowUp()
    {
    }

    public CareFollowUp(Guid residentId, FollowUpKind kind, ReviewTrigger trigger, Guid sourceId, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        ResidentId = residentId;
        Kind = kind;
        Trigger = trigger;
        SourceId = sourceId;
        RaisedAtUtc = nowUtc;
    }

    public Guid Id { get; private set; }
    public Guid ResidentId { get; private set; }
    public FollowUpKind Kind { get; private set; }
    public ReviewTrigger Trigger { get; private set; }

    /// The episode or exploitation event that asked for it.
    public Guid SourceId { get; private set; }
    public DateTime RaisedAtUtc { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }
    public Guid? ResolvedById { get; private set; }

    public bool IsOpen => ResolvedAtUtc is null;

    /// <param name="resolvedById">The review or decision that met it.</param>
    public void Resolve(Guid resolvedById, DateTime nowUtc)
    {
        if (ResolvedAtUtc is null)
        {
            ResolvedAtUtc = nowUtc;
            ResolvedById = resolvedById;
        }
    }
}
