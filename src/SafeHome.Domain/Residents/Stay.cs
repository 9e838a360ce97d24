using SafeHome.Domain.Common;

namespace SafeHome.Domain.Residents;

/// One admission episode. Days in care run from <see cref="AdmittedOn"/> up to, not including, <see cref="DischargedOn"/>.
public sealed class Stay : IVersioned, IAudited
{
    public static class MaxLength
    {
        public const int PlacingAgency = 200;
        public const int PriorLivingSituation = 200;
    }

    private Stay()
    {
    }

    internal Stay(Guid residentId, DateOnly admittedOn, ReferralSource referralSource, string placingAgency, string? priorLivingSituation)
    {
        var agency = Text.Clean(placingAgency);
        if (agency.Length == 0)
        {
            throw new DomainRuleException(nameof(PlacingAgency), "Enter the placing agency.");
        }

        Id = Guid.CreateVersion7();
        ResidentId = residentId;
        AdmittedOn = admittedOn;
        ReferralSource = referralSource;
        PlacingAgency = agency;
        PriorLivingSituation = Text.CleanOrNull(priorLivingSituation);
    }

    public Guid Id { get; private set; }
    public Guid ResidentId { get; private set; }
    public DateOnly AdmittedOn { get; private set; }
    public ReferralSource ReferralSource { get; private set; }
    public string PlacingAgency { get; private set; } = string.Empty;
    public string? PriorLivingSituation { get; private set; }
    public DateOnly? DischargedOn { get; private set; }
    public DischargeType? DischargeType { get; private set; }
    public DischargeReason? DischargeReason { get; private set; }
    public DischargeDestination? DischargeDestination { get; private set; }

    /// The documents the youth left with (M24). Null: not recorded, as for stays discharged before the checklist existed.
    public IdentityDocuments? DocumentsAtExit { get; private set; }
    public long Version { get; set; }

    public bool IsOpen => DischargedOn is null;

    public void Discharge(
        DateOnly dischargedOn, DischargeType type, DischargeReason reason, DischargeDestination destination, DateOnly today, IdentityDocuments? documentsAtExit = null)
    {
        if (DischargedOn is not null)
        {
            throw new DomainRuleException(nameof(DischargedOn), "This stay has already been discharged.");
        }

        if (dischargedOn < AdmittedOn)
        {
            throw new DomainRuleException(nameof(DischargedOn), $"The discharge date must be on or after the admission date ({AdmittedOn:yyyy-MM-dd}).");
        }

        if (dischargedOn > today)
        {
            throw new DomainRuleException(nameof(DischargedOn), "The discharge date cannot be in the future.");
        }

        if (documentsAtExit is { } documents && (documents & ~IdentityDocumentList.All) != 0)
        {
            throw new DomainRuleException(nameof(DocumentsAtExit), "Choose only documents from the checklist.");
        }

        DischargedOn = dischargedOn;
        DischargeType = type;
        DischargeReason = reason;
        DischargeDestination = destination;
        DocumentsAtExit = documentsAtExit;
    }
}
