using SafeHome.Domain.Common;

namespace SafeHome.Domain.Residents;

public sealed class CaseloadAssignment : IAudited
{
    private CaseloadAssignment()
    {
    }

    internal CaseloadAssignment(Guid residentId, string counselorId, bool isPrimary, DateTime assignedAtUtc)
    {
        Id = Guid.CreateVersion7();
        ResidentId = residentId;
        CounselorId = counselorId;
        IsPrimary = isPrimary;
        AssignedAtUtc = assignedAtUtc;
    }

    public Guid Id { get; private set; }
    public Guid ResidentId { get; private set; }
    public string CounselorId { get; private set; } = string.Empty;
    public bool IsPrimary { get; private set; }
    public DateTime AssignedAtUtc { get; private set; }
}
