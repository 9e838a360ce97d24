using System.ComponentModel.DataAnnotations;
using SafeHome.Domain.Common;

namespace SafeHome.Domain.Residents;

public enum EducationStatus
{
    [Display(Name = "Enrolled in school")] EnrolledInSchool,
    [Display(Name = "Enrolled in a GED program")] EnrolledInGedProgram,
    [Display(Name = "Diploma or GED")] DiplomaOrGed,
    [Display(Name = "Not enrolled")] NotEnrolled,
}

/// One stretch of a youth's schooling (DOMAIN.md §3 EducationEnrollment; §8 M13): a status from a start date,
/// open until it ends. Only dates and a code, so outcome metrics can read it without exposing anything else.
public sealed class EducationRecord : IVersioned, IAudited
{
    private EducationRecord()
    {
    }

    public EducationRecord(Guid residentId, EducationStatus status, DateOnly startedOn, DateOnly? endedOn, DateOnly today, string? userId, DateTime nowUtc, Guid? id = null)
    {
        if (!Enum.IsDefined(status))
        {
            throw new DomainRuleException(nameof(Status), "Choose an education status.");
        }

        if (startedOn > today)
        {
            throw new DomainRuleException(nameof(StartedOn), "The start date cannot be in the future.");
        }

        Id = id is { } given && given != Guid.Empty ? given : Guid.CreateVersion7();
        ResidentId = residentId;
        Status = status;
        StartedOn = startedOn;
        RecordedById = userId;
        RecordedAtUtc = nowUtc;
        if (endedOn is { } ended)
        {
            End(ended, today);
        }
    }

    public Guid Id { get; private set; }
    public Guid ResidentId { get; private set; }
    public EducationStatus Status { get; private set; }
    public DateOnly StartedOn { get; private set; }

    /// The last day the status held; null while it still holds.
    public DateOnly? EndedOn { get; private set; }
    public string? RecordedById { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
    public long Version { get; set; }

    public bool IsCurrent => EndedOn is null;

    public bool Covers(DateOnly day) => StartedOn <= day && (EndedOn is null || EndedOn >= day);

    public void End(DateOnly endedOn, DateOnly today)
    {
        // A diploma or GED, once earned, is held for good: there is nothing to end.
        if (Status == EducationStatus.DiplomaOrGed)
        {
            throw new DomainRuleException(nameof(EndedOn), "A diploma or GED does not end; leave the end date empty.");
        }

        if (EndedOn is not null)
        {
            throw new DomainRuleException(nameof(EndedOn), "This record has already ended.");
        }

        if (endedOn < StartedOn)
        {
            throw new DomainRuleException(nameof(EndedOn), "The end date must be on or after the start date.");
        }

        if (endedOn > today)
        {
            throw new DomainRuleException(nameof(EndedOn), "The end date cannot be in the future.");
        }

        EndedOn = endedOn;
    }
}
