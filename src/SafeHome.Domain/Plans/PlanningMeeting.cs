using SafeHome.Domain.Common;

namespace SafeHome.Domain.Plans;

/// The youth planning meeting (DOMAIN.md §3 PlanParticipation): who came, whether and how the youth took part,
/// what they said, the up to two team members a youth of 14 or over chose, and the rights-list acknowledgement.
public sealed class PlanningMeeting : IVersioned, IAudited
{
    public static class MaxLength
    {
        public const int Attendees = 1000;
        public const int Feedback = 2000;
        public const int Member = 150;
    }

    private PlanningMeeting()
    {
    }

    internal PlanningMeeting(Guid planId, MeetingDetails details, DateOnly today, int youthAge)
    {
        Id = Guid.CreateVersion7();
        PlanId = planId;
        Update(details, today, youthAge);
    }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public DateOnly HeldOn { get; private set; }
    public string Attendees { get; private set; } = string.Empty;
    public MeetingModality YouthParticipation { get; private set; }
    public string? YouthFeedback { get; private set; }
    public string? ChosenMemberOne { get; private set; }
    public string? ChosenMemberTwo { get; private set; }
    public bool RightsAcknowledged { get; private set; }
    public long Version { get; set; }

    public bool YouthPresent => YouthParticipation != MeetingModality.NotPresent;

    internal void Update(MeetingDetails details, DateOnly today, int youthAge)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.HeldOn > today)
        {
            throw new DomainRuleException(nameof(HeldOn), "The meeting date cannot be in the future.");
        }

        var attendees = Rules.Required(details.Attendees, nameof(Attendees), "List who attended.");
        var one = Text.CleanOrNull(details.ChosenMemberOne);
        var two = Text.CleanOrNull(details.ChosenMemberTwo);
        if (youthAge < 14 && (one is not null || two is not null))
        {
            throw new DomainRuleException(nameof(ChosenMemberOne), "Choosing case-planning team members is a right from age 14; this youth is younger.");
        }

        HeldOn = details.HeldOn;
        Attendees = attendees;
        YouthParticipation = details.YouthParticipation;
        YouthFeedback = Text.CleanOrNull(details.YouthFeedback);
        ChosenMemberOne = one;
        ChosenMemberTwo = two;
        RightsAcknowledged = details.RightsAcknowledged;
    }
}

public sealed record MeetingDetails(
    DateOnly HeldOn,
    string Attendees,
    MeetingModality YouthParticipation,
    string? YouthFeedback,
    string? ChosenMemberOne,
    string? ChosenMemberTwo,
    bool RightsAcknowledged);

/// A signature on one plan version. A youth's refusal is recorded with its reason, never forced; external signers
/// (guardian, placing caseworker) are recorded by name. A returned plan voids its signatures but keeps them.
public sealed class PlanSignature : IAudited
{
    public static class MaxLength
    {
        public const int Name = 150;
        public const int Reason = 500;
    }

    /// The attestation wording signers agree to; bumped when the text changes so old signatures keep their meaning.
    public const string AttestationVersion = "2026-1";

    private PlanSignature()
    {
    }

    internal PlanSignature(Guid planId, SignerRole role, string signerName, string? userId, SignatureMethod method, bool declined, string? declineReason, DateTime nowUtc)
    {
        Id = Guid.CreateVersion7();
        PlanId = planId;
        Role = role;
        SignerName = signerName;
        UserId = userId;
        Method = method;
        Declined = declined;
        DeclineReason = declineReason;
        SignedAtUtc = nowUtc;
        Attestation = AttestationVersion;
    }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public SignerRole Role { get; private set; }
    public string SignerName { get; private set; } = string.Empty;
    public string? UserId { get; private set; }
    public SignatureMethod Method { get; private set; }
    public bool Declined { get; private set; }
    public string? DeclineReason { get; private set; }
    public DateTime SignedAtUtc { get; private set; }
    public string Attestation { get; private set; } = string.Empty;
    public DateTime? VoidedAtUtc { get; private set; }

    public bool IsCurrent => VoidedAtUtc is null;

    internal void Void(DateTime nowUtc) => VoidedAtUtc = nowUtc;
}
