using SafeHome.Domain.Notes;

namespace SafeHome.UnitTests.Builders;

/// An invented progress note with content that can be signed: a narrative, strengths, every risk question answered
/// "no", a service in the hour before "now" and inside the resident's one stay. Tests change only what they are about.
public sealed class NoteBuilder
{
    public const string Author = "counselor-1";
    public const string Director = "director-1";
    public static readonly DateOnly Today = new(2026, 6, 15);
    public static readonly DateTime NowUtc = new(2026, 6, 15, 15, 0, 0, DateTimeKind.Utc);
    public static readonly Guid StayId = new("5afe0000-0000-4000-8000-0000000000aa");
    public static readonly Guid ResidentId = new("5afe0000-0000-4000-8000-0000000000bb");

    private NoteType _type = NoteType.Individual;
    private NoteFormat _format = NoteFormat.Narrative;
    private DateTime _start = NowUtc.AddHours(-2);
    private DateTime _end = NowUtc.AddHours(-1);
    private Dictionary<NoteSection, string?> _sections = new() { [NoteSection.Narrative] = "Talked about the art class and the week ahead." };
    private string? _youthWords = "I liked the drawing part.";
    private string? _strengths = "Asked for help when stuck";
    private string? _interventions = "Art-based check-in";
    private bool? _riskSelfHarm = false;
    private bool? _riskExploiterContact = false;
    private bool? _riskMissing = false;
    private string? _followUp;
    private List<NoteLinkTarget> _links = [];
    private Guid? _id;

    public static ServiceWindow Window { get; } = new([(StayId, Today.AddYears(-1), null)], TimeZoneInfo.Utc);

    public NoteBuilder WithId(Guid id)
    {
        _id = id;
        return this;
    }

    public NoteBuilder OfType(NoteType type)
    {
        _type = type;
        return this;
    }

    /// A format with every one of its sections written.
    public NoteBuilder InFormat(NoteFormat format)
    {
        _format = format;
        _sections = NoteFormats.SectionsOf(format).ToDictionary(s => s.Section, s => (string?)$"{s.Label} written for the test.");
        return this;
    }

    public NoteBuilder WithSection(NoteSection section, string? text)
    {
        _sections[section] = text;
        return this;
    }

    public NoteBuilder Between(DateTime startUtc, DateTime endUtc)
    {
        _start = startUtc;
        _end = endUtc;
        return this;
    }

    public NoteBuilder WithYouthWords(string? text)
    {
        _youthWords = text;
        return this;
    }

    public NoteBuilder WithStrengths(string? text)
    {
        _strengths = text;
        return this;
    }

    public NoteBuilder WithInterventions(string? text)
    {
        _interventions = text;
        return this;
    }

    public NoteBuilder WithRisks(bool? selfHarm, bool? exploiterContact, bool? missing, string? followUp = null)
    {
        _riskSelfHarm = selfHarm;
        _riskExploiterContact = exploiterContact;
        _riskMissing = missing;
        _followUp = followUp;
        return this;
    }

    public NoteBuilder LinkedTo(params NoteLinkTarget[] links)
    {
        _links = [.. links];
        return this;
    }

    public NoteContent Content() => new(
        _type, _format, _start, _end, new Dictionary<NoteSection, string?>(_sections), _youthWords, _strengths, _interventions,
        _riskSelfHarm, _riskExploiterContact, _riskMissing, _followUp);

    public IReadOnlyList<NoteLinkTarget> Links() => _links;

    public ProgressNote Build() => ProgressNote.Start(ResidentId, Author, Content(), _links, Window, NowUtc, _id);

    /// Started and signed by the author, with no language findings.
    public ProgressNote BuildSigned(bool needsCosign = false)
    {
        var note = Build();
        note.Sign(Author, [], null, needsCosign, NowUtc);
        return note;
    }
}
