using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Notes;

/// The fields of a progress note, shared by Write and Edit, whose input models derive from it so the fields bind as
/// Input.Narrative, Input.ServiceStart, …: the names the domain's rule messages point at. Every section of every
/// format is a field; the domain keeps only the chosen format's sections.
public class NoteFormInput
{
    private const string TooLong = "Use at most {1} characters here; the text is longer. Shorten it, or write a second note. Nothing was saved.";

    [Required(ErrorMessage = "Choose the kind of service this note is about.")]
    [EnumDataType(typeof(NoteType), ErrorMessage = "Choose a note type from the list.")]
    [Display(Name = "Note type")]
    public NoteType? Type { get; set; }

    [Required(ErrorMessage = "Choose a note format.")]
    [EnumDataType(typeof(NoteFormat), ErrorMessage = "Choose a note format from the list.")]
    [Display(Name = "Format")]
    public NoteFormat? Format { get; set; }

    [Required(ErrorMessage = "Enter when the service started.")]
    [Display(Name = "Service start")]
    public DateTime? ServiceStart { get; set; }

    [Required(ErrorMessage = "Enter when the service ended.")]
    [Display(Name = "Service end")]
    public DateTime? ServiceEnd { get; set; }

    [StringLength(ProgressNote.MaxLength.Section, ErrorMessage = TooLong)]
    [MultiLine]
    [Display(Name = "Goal")]
    public string? Goal { get; set; }

    [StringLength(ProgressNote.MaxLength.Section, ErrorMessage = TooLong)]
    [MultiLine]
    [Display(Name = "Data")]
    public string? Data { get; set; }

    [StringLength(ProgressNote.MaxLength.Section, ErrorMessage = TooLong)]
    [MultiLine]
    [Display(Name = "Subjective")]
    public string? Subjective { get; set; }

    [StringLength(ProgressNote.MaxLength.Section, ErrorMessage = TooLong)]
    [MultiLine]
    [Display(Name = "Objective")]
    public string? Objective { get; set; }

    [StringLength(ProgressNote.MaxLength.Section, ErrorMessage = TooLong)]
    [MultiLine]
    [Display(Name = "Behavior")]
    public string? Behavior { get; set; }

    [StringLength(ProgressNote.MaxLength.Section, ErrorMessage = TooLong)]
    [MultiLine]
    [Display(Name = "Intervention")]
    public string? Intervention { get; set; }

    [StringLength(ProgressNote.MaxLength.Section, ErrorMessage = TooLong)]
    [MultiLine]
    [Display(Name = "Response")]
    public string? Response { get; set; }

    [StringLength(ProgressNote.MaxLength.Section, ErrorMessage = TooLong)]
    [MultiLine]
    [Display(Name = "Assessment")]
    public string? Assessment { get; set; }

    [StringLength(ProgressNote.MaxLength.Section, ErrorMessage = TooLong)]
    [MultiLine]
    [Display(Name = "Plan")]
    public string? Plan { get; set; }

    [StringLength(ProgressNote.MaxLength.Section, ErrorMessage = TooLong)]
    [MultiLine]
    [Display(Name = "Narrative")]
    public string? Narrative { get; set; }

    [StringLength(ProgressNote.MaxLength.YouthWords, ErrorMessage = TooLong)]
    [MultiLine]
    [Display(Name = "The youth's own words (a quote)")]
    public string? YouthWords { get; set; }

    [StringLength(ProgressNote.MaxLength.Strengths, ErrorMessage = TooLong)]
    [MultiLine]
    [Display(Name = "Strengths observed")]
    public string? StrengthsObserved { get; set; }

    [StringLength(ProgressNote.MaxLength.Interventions, ErrorMessage = TooLong)]
    [MultiLine]
    [Display(Name = "Interventions used")]
    public string? InterventionsUsed { get; set; }

    [Display(Name = "Self-harm or suicidal thoughts")]
    public bool? RiskSelfHarm { get; set; }

    [Display(Name = "Contact with an exploiter")]
    public bool? RiskExploiterContact { get; set; }

    [Display(Name = "Risk of going missing")]
    public bool? RiskMissing { get; set; }

    [StringLength(ProgressNote.MaxLength.FollowUp, ErrorMessage = TooLong)]
    [MultiLine]
    [Display(Name = "Follow-up action taken")]
    public string? RiskFollowUp { get; set; }

    [Display(Name = "Sensitive note")]
    public bool IsSensitive { get; set; }

    [Display(Name = "Linked goals")]
    public List<Guid> GoalIds { get; set; } = [];

    [Display(Name = "Linked objectives")]
    public List<Guid> ObjectiveIds { get; set; } = [];

    public string? SectionText(NoteSection section) => section switch
    {
        NoteSection.Goal => Goal,
        NoteSection.Data => Data,
        NoteSection.Subjective => Subjective,
        NoteSection.Objective => Objective,
        NoteSection.Behavior => Behavior,
        NoteSection.Intervention => Intervention,
        NoteSection.Response => Response,
        NoteSection.Assessment => Assessment,
        NoteSection.Plan => Plan,
        NoteSection.Narrative => Narrative,
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };

    /// Call only after validation passed: type, format and both times are then present.
    public NoteContent ToContent() => new(
        Type ?? NoteType.Individual,
        Format ?? NoteFormat.Narrative,
        ServiceStart ?? DateTime.MinValue,
        ServiceEnd ?? DateTime.MinValue,
        Enum.GetValues<NoteSection>().ToDictionary(s => s, SectionText),
        YouthWords,
        StrengthsObserved,
        InterventionsUsed,
        RiskSelfHarm,
        RiskExploiterContact,
        RiskMissing,
        RiskFollowUp);

    /// The typed texts the language check reads when a refused post shows the form again; the same fields as
    /// <see cref="ProgressNote.CheckedTexts"/> reads from a saved note.
    public IEnumerable<(string Field, string Text)> CheckedTexts()
    {
        if (Format is { } format && Enum.IsDefined(format))
        {
            foreach (var definition in NoteFormats.SectionsOf(format))
            {
                if (SectionText(definition.Section) is { Length: > 0 } text)
                {
                    yield return (definition.Section.ToString(), text);
                }
            }
        }

        foreach (var (field, text) in new[] { (nameof(StrengthsObserved), StrengthsObserved), (nameof(InterventionsUsed), InterventionsUsed), (nameof(RiskFollowUp), RiskFollowUp) })
        {
            if (text is { Length: > 0 })
            {
                yield return (field, text);
            }
        }
    }

    /// Fills the form from a saved note. Links are matched to the active plan by lineage, so a note linked before the
    /// plan was revised shows (and saves) the same goal in the current version.
    public void CopyFrom(ProgressNote note, IReadOnlyList<PlanGoal> activeGoals)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(activeGoals);
        Type = note.Type;
        Format = note.Format;
        ServiceStart = note.ServiceStartUtc;
        ServiceEnd = note.ServiceEndUtc;
        Goal = note.Goal;
        Data = note.Data;
        Subjective = note.Subjective;
        Objective = note.Objective;
        Behavior = note.Behavior;
        Intervention = note.Intervention;
        Response = note.Response;
        Assessment = note.Assessment;
        Plan = note.Plan;
        Narrative = note.Narrative;
        YouthWords = note.YouthWords;
        StrengthsObserved = note.StrengthsObserved;
        InterventionsUsed = note.InterventionsUsed;
        RiskSelfHarm = note.RiskSelfHarm;
        RiskExploiterContact = note.RiskExploiterContact;
        RiskMissing = note.RiskMissing;
        RiskFollowUp = note.RiskFollowUp;
        IsSensitive = note.IsSensitive;
        GoalIds = [];
        ObjectiveIds = [];
        foreach (var link in note.Links)
        {
            if (activeGoals.FirstOrDefault(g => g.LineageId == link.GoalLineageId) is not { } goal)
            {
                continue;
            }

            GoalIds.Add(goal.Id);
            if (link.ObjectiveLineageId is { } objectiveLineage && goal.Objectives.FirstOrDefault(o => o.LineageId == objectiveLineage) is { } objective)
            {
                ObjectiveIds.Add(objective.Id);
            }
        }

        GoalIds = GoalIds.Distinct().ToList();
    }

    /// The links the ticked boxes ask for. Every id must belong to the resident's active plan; an id that does not
    /// (forged, or from a plan version that is no longer active) is refused next to its field rather than dropped.
    /// An objective implies its goal, so a ticked goal with a ticked objective is one link.
    public IReadOnlyList<NoteLinkTarget> ResolveLinks(IReadOnlyList<PlanGoal> activeGoals, ModelStateDictionary modelState, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(activeGoals);
        ArgumentNullException.ThrowIfNull(modelState);
        var links = new List<NoteLinkTarget>();
        var objectives = activeGoals.SelectMany(g => g.Objectives.Select(o => (Goal: g, Objective: o))).ToList();
        foreach (var objectiveId in ObjectiveIds.Distinct())
        {
            var match = objectives.FirstOrDefault(x => x.Objective.Id == objectiveId);
            if (match.Objective is null)
            {
                modelState.AddModelError($"{prefix}.{nameof(ObjectiveIds)}", "Choose objectives of the resident's active plan only. One of the chosen objectives is not part of it; reload the page to see the plan as it is now.");
                return [];
            }

            links.Add(new NoteLinkTarget(match.Goal.Id, match.Goal.LineageId, match.Objective.Id, match.Objective.LineageId));
        }

        foreach (var goalId in GoalIds.Distinct())
        {
            var goal = activeGoals.FirstOrDefault(g => g.Id == goalId);
            if (goal is null)
            {
                modelState.AddModelError($"{prefix}.{nameof(GoalIds)}", "Choose goals of the resident's active plan only. One of the chosen goals is not part of it; reload the page to see the plan as it is now.");
                return [];
            }

            if (!links.Any(l => l.GoalId == goal.Id))
            {
                links.Add(new NoteLinkTarget(goal.Id, goal.LineageId, null, null));
            }
        }

        return links;
    }
}

/// What the shared form partial renders: the fields, the active plan's goals to link, and the language findings to
/// show next to the fields they are in.
public sealed record NoteFormView(NoteFormInput Input, IReadOnlyList<PlanGoal> Goals, IReadOnlyList<LanguageFinding> Findings, string LexiconJson)
{
    public IReadOnlyList<LanguageFinding> FindingsFor(string field) => Findings.Where(f => f.Field == field).ToList();
}

public static class NoteForms
{
    public static ServiceWindow WindowOf(Resident resident, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(resident);
        ArgumentNullException.ThrowIfNull(clock);
        return new ServiceWindow(resident.Stays.Select(s => (s.Id, s.AdmittedOn, s.DischargedOn)).ToList(), clock.LocalTimeZone);
    }

    /// The value a date-time field shows: the home's wall-clock time, to the minute, in the pages' convention.
    public static string LocalInputValue(TimeProvider clock, DateTime? utc) =>
        utc is { } value ? clock.ToLocal(value).ToString(DateInputTagHelper.DateTimeFormat, System.Globalization.CultureInfo.InvariantCulture) : string.Empty;

    /// The last hour up to now, on whole minutes: the service a note is most often written right after.
    public static (DateTime Start, DateTime End) DefaultService(TimeProvider clock)
    {
        var now = clock.UtcNow();
        var end = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        return (end.AddHours(-1), end);
    }

    /// The active lexicon for the browser's hints while typing. The server check on save is the one that counts.
    /// The active lexicon for the while-typing hints (note-hints.js), with everything the browser needs to match as
    /// the server does: the term, its irregular forms and its context.
    public static async Task<string> LexiconJsonAsync(SafeHomeDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return LexiconJson(await db.LexiconTerms.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.NormalizedTerm).ToListAsync());
    }

    public static string LexiconJson(IEnumerable<LexiconTerm> terms) =>
        JsonSerializer.Serialize(terms.Where(t => t.IsActive).Select(t => new
        {
            term = t.Term,
            normalized = t.NormalizedTerm,
            preferred = t.Preferred,
            severity = t.Severity.ToString(),
            otherForms = t.OtherForms,
            precededBy = t.PrecededBy,
            notPrecededBy = t.NotPrecededBy,
            followedBy = t.FollowedBy,
            followedWithin = t.FollowedWithin,
            notFollowedBy = t.NotFollowedBy,
            nearWords = t.NearWords,
            nearWithin = t.NearWithin,
            skipNames = t.SkipNames,
        }));

    public static string SavedStatus(string saved, IReadOnlyList<LanguageFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (findings.Count == 0)
        {
            return saved;
        }

        var blocking = findings.Count(f => f.Severity == LexiconSeverity.BlockOnSign);
        var terms = findings.Count == 1 ? "1 term" : $"{findings.Count} terms";
        return blocking == 0
            ? $"{saved} The language check found {terms} to review; the suggestions are next to the fields."
            : $"{saved} The language check found {terms} to review; {blocking} must be changed, or explained when you sign. The suggestions are next to the fields.";
    }
}
