using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using SafeHome.Domain.Common;

namespace SafeHome.Domain.Missing;

public sealed record PlacementFactors(
    int? DistanceFromExploitationMiles,
    bool? KnownExploiterNearby,
    int OtherTraffickedYouthInPlacement,
    bool? SchoolContinuity,
    bool? FamilyCommunityTies,
    bool Interstate,
    string? Notes);

/// The Milwaukee recommendation made explicit: at admission and after every missing episode or disclosure, a signed
/// decision to keep the youth in their community or place them away from it, with the factors weighed and why
/// (DOMAIN.md §3 Stay, §6D). Decisions are never edited; a new one supersedes the last, and all are kept.
public sealed class PlacementSafetyDecision : IAudited
{
    public static class MaxLength
    {
        public const int Rationale = 4_000;
        public const int Notes = 2_000;
        public const int SignedName = 100;
    }

    public const int MaxMiles = 5_000;
    public const int MaxOtherYouth = 100;

    private PlacementSafetyDecision()
    {
    }

    public PlacementSafetyDecision(
        Guid residentId, Guid stayId, DecisionOccasion occasion, Guid? sourceId, PlacementFactors factors, PlacementDecisionKind decision,
        string? rationale, string decidedById, string signedName, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(factors);
        if (factors.DistanceFromExploitationMiles is < 0 or > MaxMiles)
        {
            throw new DomainRuleException(nameof(PlacementFactors.DistanceFromExploitationMiles), $"Enter a distance from 0 to {MaxMiles} miles, or leave it empty if unknown.");
        }

        if (factors.OtherTraffickedYouthInPlacement is < 0 or > MaxOtherYouth)
        {
            throw new DomainRuleException(nameof(PlacementFactors.OtherTraffickedYouthInPlacement), $"Enter a number from 0 to {MaxOtherYouth}.");
        }

        Rationale = Text.CleanOrNull(rationale) ?? throw new DomainRuleException(nameof(Rationale), "Explain the decision: which factors weighed most, and why.");
        SignedName = Text.CleanOrNull(signedName) ?? throw new DomainRuleException(nameof(SignedName), "Type your name to sign the decision.");
        Id = Guid.CreateVersion7();
        ResidentId = residentId;
        StayId = stayId;
        Occasion = occasion;
        SourceId = sourceId;
        DistanceFromExploitationMiles = factors.DistanceFromExploitationMiles;
        KnownExploiterNearby = factors.KnownExploiterNearby;
        OtherTraffickedYouthInPlacement = factors.OtherTraffickedYouthInPlacement;
        SchoolContinuity = factors.SchoolContinuity;
        FamilyCommunityTies = factors.FamilyCommunityTies;
        Interstate = factors.Interstate;
        FactorNotes = Text.CleanOrNull(factors.Notes);
        Decision = decision;
        DecidedById = decidedById;
        DecidedAtUtc = nowUtc;
        ContentHash = ComputeContentHash();
    }

    public Guid Id { get; private set; }
    public Guid ResidentId { get; private set; }
    public Guid StayId { get; private set; }
    public DecisionOccasion Occasion { get; private set; }

    /// The episode or exploitation event that prompted the decision, if any.
    public Guid? SourceId { get; private set; }
    public int? DistanceFromExploitationMiles { get; private set; }
    public bool? KnownExploiterNearby { get; private set; }
    public int OtherTraffickedYouthInPlacement { get; private set; }
    public bool? SchoolContinuity { get; private set; }
    public bool? FamilyCommunityTies { get; private set; }
    public bool Interstate { get; private set; }
    public string? FactorNotes { get; private set; }
    public PlacementDecisionKind Decision { get; private set; }
    public string Rationale { get; private set; } = string.Empty;
    public string DecidedById { get; private set; } = string.Empty;

    /// The decider's typed name: the electronic signature.
    public string SignedName { get; private set; } = string.Empty;
    public DateTime DecidedAtUtc { get; private set; }
    public string ContentHash { get; private set; } = string.Empty;

    public bool ContentHashMatches() => ContentHash == ComputeContentHash();

    private string ComputeContentHash()
    {
        var canonical = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["id"] = Id.ToString("D"),
            ["resident"] = ResidentId.ToString("D"),
            ["occasion"] = Occasion.ToString(),
            ["source"] = SourceId?.ToString("D"),
            ["miles"] = DistanceFromExploitationMiles?.ToString(CultureInfo.InvariantCulture),
            ["exploiterNearby"] = KnownExploiterNearby?.ToString(),
            ["otherYouth"] = OtherTraffickedYouthInPlacement.ToString(CultureInfo.InvariantCulture),
            ["school"] = SchoolContinuity?.ToString(),
            ["ties"] = FamilyCommunityTies?.ToString(),
            ["interstate"] = Interstate.ToString(),
            ["notes"] = FactorNotes,
            ["decision"] = Decision.ToString(),
            ["rationale"] = Rationale,
            ["by"] = DecidedById,
            ["signed"] = SignedName,
            // SQLite hands DateTimes back without a kind; read the same instant the same way either side of a save.
            ["at"] = DateTime.SpecifyKind(DecidedAtUtc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
        };
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(canonical)));
    }
}

/// A confirmed or suspected re-exploitation disclosure (DOMAIN.md §8 M11). Restricted like a sensitive note: lists
/// show only its date and certainty.
public sealed class ExploitationEvent : IVersioned, IAudited
{
    public const int DescriptionMaxLength = 4_000;

    private ExploitationEvent()
    {
    }

    public ExploitationEvent(Guid residentId, ExploitationDetails details, DateOnly today, string? userId, DateTime nowUtc, Guid? id = null)
    {
        Id = id is { } given && given != Guid.Empty ? given : Guid.CreateVersion7();
        ResidentId = residentId;
        RecordedById = userId;
        RecordedAtUtc = nowUtc;
        Update(details, today);
    }

    public Guid Id { get; private set; }
    public Guid ResidentId { get; private set; }
    public ExploitationCertainty Certainty { get; private set; }
    public DateOnly OccurredOn { get; private set; }
    public DateOnly DisclosedOn { get; private set; }
    public Guid? EpisodeId { get; private set; }
    public string? Description { get; private set; }
    public string? RecordedById { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
    public long Version { get; set; }

    public void Update(ExploitationDetails details, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.OccurredOn > today)
        {
            throw new DomainRuleException(nameof(OccurredOn), "The date it happened cannot be in the future.");
        }

        if (details.DisclosedOn > today)
        {
            throw new DomainRuleException(nameof(DisclosedOn), "The disclosure date cannot be in the future.");
        }

        if (details.DisclosedOn < details.OccurredOn)
        {
            throw new DomainRuleException(nameof(DisclosedOn), "The disclosure cannot be before the event it is about.");
        }

        if (details.Episode is { } episode)
        {
            if (details.OccurredOn < episode.FirstDay || (episode.LastDay is { } last && details.OccurredOn > last))
            {
                throw new DomainRuleException(nameof(OccurredOn), episode.LastDay is { } end
                    ? $"An event linked to a missing episode must fall within it ({episode.FirstDay:yyyy-MM-dd} to {end:yyyy-MM-dd})."
                    : $"An event linked to a missing episode must fall within it (from {episode.FirstDay:yyyy-MM-dd}).");
            }
        }

        Certainty = details.Certainty;
        OccurredOn = details.OccurredOn;
        DisclosedOn = details.DisclosedOn;
        EpisodeId = details.Episode?.Id;
        Description = Text.CleanOrNull(details.Description);
    }
}

/// <param name="Episode">The missing episode it happened during, with its first and last local days.</param>
public sealed record ExploitationDetails(
    ExploitationCertainty Certainty, DateOnly OccurredOn, DateOnly DisclosedOn, (Guid Id, DateOnly FirstDay, DateOnly? LastDay)? Episode, string? Description);
