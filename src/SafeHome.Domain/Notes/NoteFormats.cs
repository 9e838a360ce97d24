namespace SafeHome.Domain.Notes;

/// One section of a note format, with the short prompt shown under it. The prompts carry SAMHSA's six principles
/// (safety; trustworthiness and transparency; peer support; collaboration and mutuality; empowerment, voice and
/// choice; cultural, historical and gender issues) into the moment of writing (DOMAIN.md §5).
public sealed record NoteSectionDefinition(NoteSection Section, string Label, string Prompt);

public static class NoteFormats
{
    private static readonly NoteSectionDefinition Goal = new(NoteSection.Goal, "Goal",
        "Which plan goal this work served, in the youth's words where possible.");
    private static readonly NoteSectionDefinition Data = new(NoteSection.Data, "Data",
        "What the youth said and what you saw, in context. Keep the youth's own words in the quoted field below.");
    private static readonly NoteSectionDefinition Subjective = new(NoteSection.Subjective, "Subjective",
        "What the youth shared about how they are, as they chose to share it.");
    private static readonly NoteSectionDefinition Objective = new(NoteSection.Objective, "Objective",
        "What you observed: behaviour in context, not labels (\"left the group after X was mentioned\").");
    private static readonly NoteSectionDefinition Behavior = new(NoteSection.Behavior, "Behavior",
        "What happened and in what context. Describe the behaviour, not the person.");
    private static readonly NoteSectionDefinition Intervention = new(NoteSection.Intervention, "Intervention",
        "What staff did, and how the youth was offered choice and a voice in it.");
    private static readonly NoteSectionDefinition Response = new(NoteSection.Response, "Response",
        "How the youth responded, including strengths they used.");
    private static readonly NoteSectionDefinition Assessment = new(NoteSection.Assessment, "Assessment",
        "Your interpretation, marked as yours: safety, progress, and cultural or gender context that matters.");
    private static readonly NoteSectionDefinition Plan = new(NoteSection.Plan, "Plan",
        "Next steps agreed with the youth: who does what, by when.");
    private static readonly NoteSectionDefinition NarrativeText = new(NoteSection.Narrative, "Narrative",
        "What happened, what was done, how the youth responded and what comes next. Be transparent: write as if the youth will read it.");

    private static readonly Dictionary<NoteFormat, NoteSectionDefinition[]> Sections = new()
    {
        [NoteFormat.Girp] = [Goal, Intervention, Response, Plan],
        [NoteFormat.Dap] = [Data, Assessment, Plan],
        [NoteFormat.Soap] = [Subjective, Objective, Assessment, Plan],
        [NoteFormat.Birp] = [Behavior, Intervention, Response, Plan],
        [NoteFormat.Narrative] = [NarrativeText],
    };

    public static IReadOnlyList<NoteSectionDefinition> SectionsOf(NoteFormat format) => Sections[format];

    public static bool Uses(NoteFormat format, NoteSection section) => Sections[format].Any(s => s.Section == section);

    public static NoteSectionDefinition Describe(NoteSection section) =>
        Sections.Values.SelectMany(s => s).First(s => s.Section == section);
}
