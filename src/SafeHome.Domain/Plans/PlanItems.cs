using SafeHome.Domain.Common;

namespace SafeHome.Domain.Plans;

/// A strength the plan builds on, and who named it (youth, family or community).
public sealed class PlanStrength : IAudited
{
    public const int TextMaxLength = 500;

    private PlanStrength()
    {
    }

    internal PlanStrength(Guid planId, StrengthSource source, string text, int sortOrder)
    {
        Id = Guid.CreateVersion7();
        PlanId = planId;
        Update(source, text);
        SortOrder = sortOrder;
    }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }
    public StrengthSource Source { get; private set; }
    public string Text { get; private set; } = string.Empty;
    public int SortOrder { get; internal set; }

    internal void Update(StrengthSource source, string text)
    {
        Source = source;
        Text = Rules.Required(text, nameof(Text), "Describe the strength.");
    }

    internal PlanStrength CopyTo(Guid planId) => new(planId, Source, Text, SortOrder);
}

public sealed class PlanGoal : IAudited
{
    public static class MaxLength
    {
        public const int Statement = 1000;
        public const int GasDescriptor = 300;
        public const int Reason = 500;
    }

    private readonly List<PlanObjective> _objectives = [];

    private PlanGoal()
    {
    }

    internal PlanGoal(Guid planId, Guid lineageId, GoalDetails details, int sortOrder)
    {
        Id = Guid.CreateVersion7();
        PlanId = planId;
        LineageId = lineageId == Guid.Empty ? Id : lineageId;
        SortOrder = sortOrder;
        Update(details);
    }

    public Guid Id { get; private set; }
    public Guid PlanId { get; private set; }

    /// The same goal across plan versions: a revision copies it with a new id and this value, so versions compare.
    public Guid LineageId { get; private set; }

    public PlanDomain Domain { get; private set; }
    public string YouthStatement { get; private set; } = string.Empty;
    public string? SmartStatement { get; private set; }
    public GoalPriority Priority { get; private set; }
    public DateOnly? TargetOn { get; private set; }
    public GoalStatus Status { get; private set; }
    public string? DiscontinuedReason { get; private set; }
    public int SortOrder { get; internal set; }
    public int? GasWeight { get; private set; }
    public string? GasMuchLess { get; private set; }
    public string? GasLess { get; private set; }
    public string? GasExpected { get; private set; }
    public string? GasMore { get; private set; }
    public string? GasMuchMore { get; private set; }

    public IReadOnlyList<PlanObjective> Objectives => _objectives;

    public bool HasGasScale => GasWeight is not null;

    internal void Update(GoalDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (Status == GoalStatus.Discontinued)
        {
            throw new DomainRuleException(string.Empty, "This goal is discontinued and stays in the plan as it was. Add a new goal instead.");
        }

        // Every check runs before anything is assigned, so a refused change leaves the goal exactly as it was.
        var statement = Rules.Required(details.YouthStatement, nameof(YouthStatement), "Write the goal in the youth's own words.");
        if (details.Status == GoalStatus.Discontinued)
        {
            throw new DomainRuleException(nameof(Status), "Use Discontinue, which asks for the reason.");
        }

        // Each descriptor is named by its own field, so the message lands next to the one left empty.
        (string Field, string? Text)[] descriptors =
        [
            (nameof(GasMuchLess), details.GasMuchLess), (nameof(GasLess), details.GasLess), (nameof(GasExpected), details.GasExpected),
            (nameof(GasMore), details.GasMore), (nameof(GasMuchMore), details.GasMuchMore),
        ];
        if (details.GasWeight is { } weight)
        {
            if (weight is < 1 or > 9)
            {
                throw new DomainRuleException(nameof(GasWeight), "The weight is a whole number from 1 to 9 (importance × difficulty).");
            }

            if (descriptors.FirstOrDefault(d => Text.Clean(d.Text).Length == 0) is { Field: not null } missing)
            {
                throw new DomainRuleException(missing.Field, "A goal attainment scale needs a description for each level from −2 to +2.");
            }
        }
        else if (descriptors.Any(d => Text.Clean(d.Text).Length > 0))
        {
            // Descriptions without a weight would be dropped silently; say so instead of losing the typing.
            throw new DomainRuleException(nameof(GasWeight), "Give the scale a weight from 1 to 9, or clear its descriptions to leave the goal without a scale.");
        }

        YouthStatement = statement;
        Domain = details.Domain;
        SmartStatement = Text.CleanOrNull(details.SmartStatement);
        Priority = details.Priority;
        TargetOn = details.TargetOn;
        Status = details.Status;
        GasWeight = details.GasWeight;
        GasMuchLess = details.GasWeight is null ? null : Text.CleanOrNull(details.GasMuchLess);
        GasLess = details.GasWeight is null ? null : Text.CleanOrNull(details.GasLess);
        GasExpected = details.GasWeight is null ? null : Text.CleanOrNull(details.GasExpected);
        GasMore = details.GasWeight is null ? null : Text.CleanOrNull(details.GasMore);
        GasMuchMore = details.GasWeight is null ? null : Text.CleanOrNull(details.GasMuchMore);
    }

    internal void Discontinue(string reason)
    {
        if (Status == GoalStatus.Discontinued)
        {
            throw new DomainRuleException(string.Empty, "This goal is already discontinued; its reason stays as recorded.");
        }

        DiscontinuedReason = Rules.Required(reason, nameof(DiscontinuedReason), "Say why the goal is discontinued.");
        Status = GoalStatus.Discontinued;
    }

    internal PlanObjective AddObjective(ObjectiveDetails details)
    {
        if (Status == GoalStatus.Discontinued)
        {
            throw new DomainRuleException(string.Empty, "This goal is discontinued; objectives are added to goals still in the plan.");
        }

        var objective = new PlanObjective(Id, Guid.Empty, details, _objectives.Count == 0 ? 1 : _objectives.Max(o => o.SortOrder) + 1);
        _objectives.Add(objective);
        return objective;
    }

    internal PlanGoal CopyTo(Guid planId)
    {
        // The copy is built through Update, which refuses a discontinued status, and takes it over afterwards.
        var copy = new PlanGoal(planId, LineageId, Details with { Status = GoalStatus.NotStarted }, SortOrder) { Status = Status, DiscontinuedReason = DiscontinuedReason };
        foreach (var objective in _objectives)
        {
            copy._objectives.Add(objective.CopyTo(copy.Id));
        }

        return copy;
    }

    public GoalDetails Details => new(Domain, YouthStatement, SmartStatement, Priority, TargetOn, Status == GoalStatus.Discontinued ? GoalStatus.Discontinued : Status,
        GasWeight, GasMuchLess, GasLess, GasExpected, GasMore, GasMuchMore);

    public string? GasDescriptor(GasLevel level) => level switch
    {
        GasLevel.MuchLess => GasMuchLess,
        GasLevel.Less => GasLess,
        GasLevel.Expected => GasExpected,
        GasLevel.More => GasMore,
        _ => GasMuchMore,
    };
}

public sealed record GoalDetails(
    PlanDomain Domain,
    string YouthStatement,
    string? SmartStatement,
    GoalPriority Priority,
    DateOnly? TargetOn,
    GoalStatus Status,
    int? GasWeight,
    string? GasMuchLess,
    string? GasLess,
    string? GasExpected,
    string? GasMore,
    string? GasMuchMore);

public sealed class PlanObjective : IAudited
{
    public static class MaxLength
    {
        public const int Criterion = 500;
        public const int Measure = 100;
        public const int Method = 300;
        public const int ResponsibleName = 100;
        public const int Reason = 500;
    }

    private readonly List<PlanIntervention> _interventions = [];

    private PlanObjective()
    {
    }

    internal PlanObjective(Guid goalId, Guid lineageId, ObjectiveDetails details, int sortOrder)
    {
        Id = Guid.CreateVersion7();
        GoalId = goalId;
        LineageId = lineageId == Guid.Empty ? Id : lineageId;
        SortOrder = sortOrder;
        Update(details);
    }

    public Guid Id { get; private set; }
    public Guid GoalId { get; private set; }
    public Guid LineageId { get; private set; }
    public string Criterion { get; private set; } = string.Empty;
    public MetricType MetricType { get; private set; }
    public string? Baseline { get; private set; }
    public DateOnly? BaselineOn { get; private set; }
    public string Target { get; private set; } = string.Empty;
    public DateOnly? TargetOn { get; private set; }
    public string? MeasurementMethod { get; private set; }
    public ResponsibleParty Responsible { get; private set; }
    public string? ResponsibleName { get; private set; }
    public GoalStatus Status { get; private set; }
    public string? DiscontinuedReason { get; private set; }
    public int SortOrder { get; internal set; }

    public IReadOnlyList<PlanIntervention> Interventions => _interventions;

    internal void Update(ObjectiveDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (Status == GoalStatus.Discontinued)
        {
            throw new DomainRuleException(string.Empty, "This objective is discontinued and stays in the plan as it was. Add a new objective instead.");
        }

        var criterion = Rules.Required(details.Criterion, nameof(Criterion), "Describe how progress will be measured.");
        var target = Rules.Required(details.Target, nameof(Target), "Enter the target.");
        if (details.BaselineOn is { } baselineOn && details.TargetOn is { } targetOn && targetOn < baselineOn)
        {
            throw new DomainRuleException(nameof(TargetOn), $"The target date must be on or after the baseline date ({baselineOn:yyyy-MM-dd}).");
        }

        if (details.Status == GoalStatus.Discontinued)
        {
            throw new DomainRuleException(nameof(Status), "Use Discontinue, which asks for the reason.");
        }

        Criterion = criterion;
        Target = target;
        MetricType = details.MetricType;
        Baseline = Text.CleanOrNull(details.Baseline);
        BaselineOn = details.BaselineOn;
        TargetOn = details.TargetOn;
        MeasurementMethod = Text.CleanOrNull(details.MeasurementMethod);
        Responsible = details.Responsible;
        ResponsibleName = Text.CleanOrNull(details.ResponsibleName);
        Status = details.Status;
    }

    internal void Discontinue(string reason)
    {
        if (Status == GoalStatus.Discontinued)
        {
            throw new DomainRuleException(string.Empty, "This objective is already discontinued; its reason stays as recorded.");
        }

        DiscontinuedReason = Rules.Required(reason, nameof(DiscontinuedReason), "Say why the objective is discontinued.");
        Status = GoalStatus.Discontinued;
    }

    internal PlanIntervention AddIntervention(InterventionDetails details)
    {
        if (Status == GoalStatus.Discontinued)
        {
            throw new DomainRuleException(string.Empty, "This objective is discontinued; interventions are added to objectives still in the plan.");
        }

        var intervention = new PlanIntervention(Id, Guid.Empty, details, _interventions.Count == 0 ? 1 : _interventions.Max(i => i.SortOrder) + 1);
        _interventions.Add(intervention);
        return intervention;
    }

    internal PlanObjective CopyTo(Guid goalId)
    {
        var copy = new PlanObjective(goalId, LineageId, Details with { Status = GoalStatus.NotStarted }, SortOrder) { Status = Status, DiscontinuedReason = DiscontinuedReason };
        foreach (var intervention in _interventions)
        {
            copy._interventions.Add(intervention.CopyTo(copy.Id));
        }

        return copy;
    }

    public ObjectiveDetails Details => new(Criterion, MetricType, Baseline, BaselineOn, Target, TargetOn, MeasurementMethod, Responsible, ResponsibleName, Status);
}

public sealed record ObjectiveDetails(
    string Criterion,
    MetricType MetricType,
    string? Baseline,
    DateOnly? BaselineOn,
    string Target,
    DateOnly? TargetOn,
    string? MeasurementMethod,
    ResponsibleParty Responsible,
    string? ResponsibleName,
    GoalStatus Status);

public sealed class PlanIntervention : IAudited
{
    public static class MaxLength
    {
        public const int ShortText = 100;
        public const int Provider = 200;
        public const int Reason = 500;
    }

    private PlanIntervention()
    {
    }

    internal PlanIntervention(Guid objectiveId, Guid lineageId, InterventionDetails details, int sortOrder)
    {
        Id = Guid.CreateVersion7();
        ObjectiveId = objectiveId;
        LineageId = lineageId == Guid.Empty ? Id : lineageId;
        SortOrder = sortOrder;
        Update(details);
    }

    public Guid Id { get; private set; }
    public Guid ObjectiveId { get; private set; }
    public Guid LineageId { get; private set; }
    public string Type { get; private set; } = string.Empty;
    public string? Model { get; private set; }
    public string? Frequency { get; private set; }
    public string? Provider { get; private set; }
    public string? ResponsibleStaff { get; private set; }
    public DateOnly? StartOn { get; private set; }
    public DateOnly? EndOn { get; private set; }
    public string? DiscontinuedReason { get; private set; }
    public int SortOrder { get; internal set; }

    public bool IsDiscontinued => DiscontinuedReason is not null;

    internal void Update(InterventionDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (IsDiscontinued)
        {
            throw new DomainRuleException(string.Empty, "This intervention is discontinued and stays in the plan as it was. Add a new intervention instead.");
        }

        var type = Rules.Required(details.Type, nameof(Type), "Name the kind of intervention.");
        if (details.StartOn is { } start && details.EndOn is { } end && end < start)
        {
            throw new DomainRuleException(nameof(EndOn), $"The end date must be on or after the start date ({start:yyyy-MM-dd}).");
        }

        Type = type;
        Model = Text.CleanOrNull(details.Model);
        Frequency = Text.CleanOrNull(details.Frequency);
        Provider = Text.CleanOrNull(details.Provider);
        ResponsibleStaff = Text.CleanOrNull(details.ResponsibleStaff);
        StartOn = details.StartOn;
        EndOn = details.EndOn;
    }

    internal void Discontinue(string reason)
    {
        if (IsDiscontinued)
        {
            throw new DomainRuleException(string.Empty, "This intervention is already discontinued; its reason stays as recorded.");
        }

        DiscontinuedReason = Rules.Required(reason, nameof(DiscontinuedReason), "Say why the intervention is discontinued.");
    }

    internal PlanIntervention CopyTo(Guid objectiveId) =>
        new(objectiveId, LineageId, Details, SortOrder) { DiscontinuedReason = DiscontinuedReason };

    public InterventionDetails Details => new(Type, Model, Frequency, Provider, ResponsibleStaff, StartOn, EndOn);
}

public sealed record InterventionDetails(
    string Type,
    string? Model,
    string? Frequency,
    string? Provider,
    string? ResponsibleStaff,
    DateOnly? StartOn,
    DateOnly? EndOn);

internal static class Rules
{
    public static string Required(string? value, string field, string message)
    {
        var cleaned = Text.Clean(value);
        return cleaned.Length == 0 ? throw new DomainRuleException(field, message) : cleaned;
    }
}
