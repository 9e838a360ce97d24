using System.Text;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Residents;
using SafeHome.Reports.Outcomes;
using SafeHome.Reports.Pdf;
using SafeHome.UnitTests.Outcomes;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace SafeHome.UnitTests.Reports.Pdf;

/// Skia embeds the shipped fonts whole, so they are most of a report's size: they are cut down to the characters the
/// reports write (Fonts/README.txt), and anything else must still render.
public sealed class PdfSizeTests
{
    private const int MaxBytesPerTenPages = 300_000;
    private static readonly DateTime GeneratedAt = new(2026, 4, 10, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_full_outcome_report_stays_under_300_KB_per_ten_pages_and_keeps_its_text()
    {
        var model = FullReport();

        var pdf = OutcomeReportPdf.Render(model, new SkiaPdfEngine(), archival: true);

        Assert.True(pdf.PageCount >= 8, $"{pdf.PageCount} pages: not a full report.");
        var perTenPages = pdf.Bytes.LongLength * 10 / pdf.PageCount;
        Assert.True(perTenPages < MaxBytesPerTenPages, $"{pdf.Bytes.Length:N0} bytes for {pdf.PageCount} pages: {perTenPages:N0} per ten pages.");
        using var read = PigDocument.Open(pdf.Bytes);
        var text = string.Join(' ', read.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Harbour Light Youth Program", text, StringComparison.Ordinal);
        Assert.Contains(MetricCatalog.All[0].Name, text, StringComparison.Ordinal);
        Assert.Contains("Resident-days", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_character_a_full_outcome_report_writes_is_in_the_shipped_fonts()
    {
        var model = FullReport();
        var engine = new RecordingEngine();

        OutcomeReportPdf.Render(model, engine, archival: true);

        var document = engine.Document!;
        var page = new PageContext(2, 11);
        var spans = document.Content.Append(document.Header!(page)).Append(document.Footer!(page)).SelectMany(Spans).ToList();
        Assert.Contains(spans, s => s.Text.Contains('·', StringComparison.Ordinal));
        var missing = spans
            .SelectMany(s => s.Text.EnumerateRunes().Where(r => !Rune.IsControl(r) && !PdfFonts.Get(s.Bold, s.Italic).ContainsGlyph(r.Value)))
            .Select(r => $"U+{r.Value:X4} {r}")
            .Distinct();
        Assert.Empty(missing);
    }

    [Fact]
    public void Text_outside_the_shipped_character_set_renders_without_failing()
    {
        var model = OutcomeReport.Build(OutcomeScenario.Build(), OutcomeScenario.Q1, new OutcomeReportSettings("Ωμέγα 希望之家 Résidence — Zoë", 11, new MetricOptions()), GeneratedAt, 1);

        var pdf = OutcomeReportPdf.Render(model, new SkiaPdfEngine(), archival: true);

        using var read = PigDocument.Open(pdf.Bytes);
        Assert.Equal(pdf.PageCount, read.NumberOfPages);
        var cover = read.GetPage(1).Text;
        Assert.Contains("Résidence", cover, StringComparison.Ordinal);
        Assert.Contains("Zoë", cover, StringComparison.Ordinal);
    }

    private static OutcomeReportModel FullReport() =>
        OutcomeReport.Build(Home(youth: 150, seed: 20260410), OutcomeScenario.Q1, new OutcomeReportSettings("Harbour Light Youth Program", 11, new MetricOptions()), GeneratedAt, 3);

    private static IEnumerable<TextSpan> Spans(PdfElement element) => element switch
    {
        TextBlock block => block.Spans,
        Column column => column.Children.SelectMany(Spans),
        Row row => row.Cells.SelectMany(c => Spans(c.Content)),
        Table table => table.HeaderRows.Concat(table.Rows).SelectMany(r => r).SelectMany(Spans),
        KeepTogether keep => Spans(keep.Content),
        _ => [],
    };

    /// The worked example plus a larger random home, so most figures are published and every trend has a line.
    private static MetricDataset Home(int youth, int seed)
    {
        var scenario = OutcomeScenario.Build();
        var random = new Random(seed);
        var residents = new List<ResidentFact>(scenario.Residents);
        var stays = new List<StayFact>(scenario.Stays);
        var episodes = new List<EpisodeFact>(scenario.Episodes);
        var notifications = new List<NotificationFact>(scenario.Notifications);
        var debriefs = new List<DebriefFact>(scenario.Debriefs);
        var notes = new List<NoteFact>(scenario.Notes);
        for (var i = 0; i < youth; i++)
        {
            var resident = NextId(random);
            residents.Add(new ResidentFact(resident, new DateOnly(2008, 1, 1).AddDays(random.Next(2500))));
            var admitted = new DateOnly(2024, 1, 1).AddDays(random.Next(800));
            DateOnly? discharged = random.Next(3) == 0 ? admitted.AddDays(20 + random.Next(200)) : null;
            var planned = random.Next(2) == 0;
            var stay = NextId(random);
            stays.Add(new StayFact(
                stay,
                resident,
                admitted,
                discharged,
                discharged is null ? null : planned ? DischargeType.Planned : DischargeType.Unplanned,
                discharged is null ? null : planned ? DischargeReason.CompletedProgram : DischargeReason.NeedsNotMet,
                discharged is null ? null : (DischargeDestination)random.Next(Enum.GetValues<DischargeDestination>().Length)));
            for (var e = random.Next(4); e > 0; e--)
            {
                var lastSeen = admitted.ToDateTime(new TimeOnly(20, 0), DateTimeKind.Utc).AddHours(random.Next(24 * 180));
                var clock = lastSeen.AddHours(1);
                DateTime? returned = random.Next(4) == 0 ? null : clock.AddHours(2 + random.Next(200));
                var episode = NextId(random);
                episodes.Add(new EpisodeFact(episode, resident, stay, lastSeen, clock, returned, returned is null ? null : ReturnType.SelfReturned, (MissingRiskLevel)random.Next(4), returned?.AddHours(72), returned?.AddHours(72)));
                var police = random.Next(3);
                notifications.Add(new NotificationFact(episode, NotificationRecipient.LawEnforcement, NotificationPhase.Onset, clock.AddHours(2), police == 0 ? null : clock.AddHours(police == 1 ? 1 : 5), false));
                notifications.Add(new NotificationFact(episode, NotificationRecipient.Ncmec, NotificationPhase.Onset, clock.AddHours(24), random.Next(2) == 0 ? clock.AddHours(3) : null, false));
                if (returned is { } back && random.Next(2) == 0)
                {
                    debriefs.Add(new DebriefFact(episode, back.AddHours(random.Next(100)), random.Next(3) == 0 ? DebriefOutcome.Declined : DebriefOutcome.Completed));
                }
            }

            for (var n = random.Next(20); n > 0; n--)
            {
                var end = admitted.ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc).AddDays(random.Next(300));
                notes.Add(new NoteFact(NextId(random), resident, end, random.Next(5) == 0 ? null : end.AddHours(random.Next(120)), NoteStatus.Signed));
            }
        }

        return scenario with
        {
            Residents = residents,
            Stays = stays,
            Episodes = episodes,
            Notifications = notifications,
            Debriefs = debriefs,
            Notes = notes,
        };
    }

    private sealed class RecordingEngine : IPdfEngine
    {
        public PdfDocument? Document { get; private set; }

        public PdfRenderResult Render(PdfDocument document, Stream output)
        {
            Document = document;
            return new PdfRenderResult(1);
        }
    }

    private static Guid NextId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
