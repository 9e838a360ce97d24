using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Plans;

/// SECURITY.md §4 on the plan content forms: a refused input re-renders the form (200, never 500) with a message next
/// to the field and the typing kept, and no plan row changes. Dangerous-looking text that is allowed is stored
/// byte-identical and renders inert on the plan page for every reader. The cases share one app (see
/// <see cref="PlanFormsHome"/>) because a refused post changes nothing and each test compares before and after.
public sealed class ContentBadInputTests(PlanFormsHome home) : IClassFixture<PlanFormsHome>
{
    private sealed record BadCase(string Form, string Field, string Value, string ErrorField, string? MessageContains = null, bool KeepsValue = true, Dictionary<string, string>? Extra = null);

    private const string Rtl = "Ana\u202Egpj.exe";

    private static readonly Dictionary<string, string> FullScale = new()
    {
        ["Input.GasWeight"] = "3",
        ["Input.GasMuchLess"] = "Much less",
        ["Input.GasLess"] = "Less",
        ["Input.GasExpected"] = "As expected",
        ["Input.GasMore"] = "More",
        ["Input.GasMuchMore"] = "Much more",
    };

    // Dates are written as days relative to the app's fake today ({d:N}), so the cases stay right if the clock moves.
    private static readonly Dictionary<string, BadCase> Cases = new()
    {
        ["Goal weight 0"] = new("AddGoal", "Input.GasWeight", "0", "Input.GasWeight", "1 to 9", Extra: FullScale),
        ["Goal weight 10"] = new("AddGoal", "Input.GasWeight", "10", "Input.GasWeight", "1 to 9", Extra: FullScale),
        ["Goal weight -1"] = new("AddGoal", "Input.GasWeight", "-1", "Input.GasWeight", "1 to 9", Extra: FullScale),
        ["Goal weight abc"] = new("AddGoal", "Input.GasWeight", "abc", "Input.GasWeight", Extra: FullScale),
        ["Goal weight 2.5"] = new("AddGoal", "Input.GasWeight", "2.5", "Input.GasWeight", Extra: FullScale),
        ["Goal weight int.MaxValue+1"] = new("AddGoal", "Input.GasWeight", "2147483648", "Input.GasWeight", Extra: FullScale),
        ["Goal weight 10 on edit"] = new("EditGoal", "Input.GasWeight", "10", "Input.GasWeight", "1 to 9"),
        ["Goal scale missing +1"] = new("AddGoal", "Input.GasMore", "", "Input.GasMore", "each level", Extra: FullScale),
        ["Goal scale missing -2 as spaces"] = new("AddGoal", "Input.GasMuchLess", "   ", "Input.GasMuchLess", "each level", Extra: FullScale),
        ["Goal scale missing 0 on edit"] = new("EditGoal", "Input.GasExpected", "", "Input.GasExpected", "each level"),
        ["Goal descriptions without a weight"] = new("AddGoal", "Input.GasWeight", "", "Input.GasWeight", "weight", KeepsValue: false, Extra: FullScale),
        ["Goal descriptor max+1"] = new("AddGoal", "Input.GasExpected", new string('x', PlanGoal.MaxLength.GasDescriptor + 1), "Input.GasExpected", $"at most {PlanGoal.MaxLength.GasDescriptor}", Extra: FullScale),
        ["Goal descriptor RTL override"] = new("AddGoal", "Input.GasExpected", Rtl, "Input.GasExpected", "U+202E", Extra: FullScale),
        ["Goal descriptor CR LF"] = new("AddGoal", "Input.GasMore", "More\r\nForged: line", "Input.GasMore", "U+000D", KeepsValue: false, Extra: FullScale),
        ["Goal statement empty"] = new("AddGoal", "Input.YouthStatement", "", "Input.YouthStatement", "own words", KeepsValue: false),
        ["Goal statement spaces only"] = new("EditGoal", "Input.YouthStatement", "\u00A0\u2003 ", "Input.YouthStatement", "own words", KeepsValue: false),
        ["Goal statement max+1"] = new("AddGoal", "Input.YouthStatement", new string('x', PlanGoal.MaxLength.Statement + 1), "Input.YouthStatement", $"at most {PlanGoal.MaxLength.Statement}", KeepsValue: false),
        ["Goal statement 10x max"] = new("EditGoal", "Input.YouthStatement", new string('x', PlanGoal.MaxLength.Statement * 10), "Input.YouthStatement", $"at most {PlanGoal.MaxLength.Statement}", KeepsValue: false),
        ["Goal statement RTL override"] = new("AddGoal", "Input.YouthStatement", Rtl, "Input.YouthStatement", "U+202E", KeepsValue: false),
        ["Goal SMART restatement max+1"] = new("AddGoal", "Input.SmartStatement", new string('x', PlanGoal.MaxLength.Statement + 1), "Input.SmartStatement", $"at most {PlanGoal.MaxLength.Statement}", KeepsValue: false),
        ["Goal domain missing"] = new("AddGoal", "Input.Domain", "", "Input.Domain", "life area", KeepsValue: false),
        ["Goal domain 999"] = new("AddGoal", "Input.Domain", "999", "Input.Domain", KeepsValue: false),
        ["Goal priority 0"] = new("AddGoal", "Input.Priority", "0", "Input.Priority", KeepsValue: false),
        ["Goal status Discontinued"] = new("EditGoal", "Input.Status", nameof(GoalStatus.Discontinued), "Input.Status", "Use Discontinue", KeepsValue: false),
        ["Goal target date not a date"] = new("AddGoal", "Input.TargetOn", "2025-13-01", "Input.TargetOn"),
        ["Goal target date culture-formatted"] = new("AddGoal", "Input.TargetOn", "03/04/2027", "Input.TargetOn"),
        ["Goal discontinue reason max+1"] = new("DiscontinueGoal", "Input.DiscontinuedReason", new string('x', PlanGoal.MaxLength.Reason + 1), "Input.DiscontinuedReason", $"at most {PlanGoal.MaxLength.Reason}", KeepsValue: false),
        ["Goal discontinue reason RTL override"] = new("DiscontinueGoal", "Input.DiscontinuedReason", Rtl, "Input.DiscontinuedReason", "U+202E", KeepsValue: false),
        ["Objective target date before baseline date"] = new("AddObjective", "Input.TargetOn", "{d:-1}", "Input.TargetOn", "on or after the baseline date", Extra: new() { ["Input.BaselineOn"] = "{d:0}" }),
        ["Objective target date before baseline date on edit"] = new("EditObjective", "Input.TargetOn", "{d:-30}", "Input.TargetOn", "on or after the baseline date"),
        ["Objective criterion empty"] = new("AddObjective", "Input.Criterion", " ", "Input.Criterion", "how progress", KeepsValue: false),
        ["Objective criterion max+1"] = new("AddObjective", "Input.Criterion", new string('x', PlanObjective.MaxLength.Criterion + 1), "Input.Criterion", $"at most {PlanObjective.MaxLength.Criterion}", KeepsValue: false),
        ["Objective target empty"] = new("EditObjective", "Input.Target", "", "Input.Target", "Enter the target"),
        ["Objective target max+1"] = new("AddObjective", "Input.Target", new string('x', PlanObjective.MaxLength.Measure + 1), "Input.Target", $"at most {PlanObjective.MaxLength.Measure}"),
        ["Objective target RTL override"] = new("AddObjective", "Input.Target", Rtl, "Input.Target", "U+202E"),
        ["Objective baseline RTL override"] = new("AddObjective", "Input.Baseline", Rtl, "Input.Baseline", "U+202E"),
        ["Objective baseline zero-width space"] = new("AddObjective", "Input.Baseline", "4\u200B0%", "Input.Baseline", "U+200B"),
        ["Objective method max+1"] = new("AddObjective", "Input.MeasurementMethod", new string('x', PlanObjective.MaxLength.Method + 1), "Input.MeasurementMethod", $"at most {PlanObjective.MaxLength.Method}"),
        ["Objective responsible name RTL override"] = new("AddObjective", "Input.ResponsibleName", Rtl, "Input.ResponsibleName", "U+202E"),
        ["Objective responsible name max+1"] = new("AddObjective", "Input.ResponsibleName", new string('x', PlanObjective.MaxLength.ResponsibleName + 1), "Input.ResponsibleName", $"at most {PlanObjective.MaxLength.ResponsibleName}"),
        ["Objective metric type Nope"] = new("AddObjective", "Input.MetricType", "Nope", "Input.MetricType", KeepsValue: false),
        ["Objective status Discontinued"] = new("AddObjective", "Input.Status", nameof(GoalStatus.Discontinued), "Input.Status", "Use Discontinue", KeepsValue: false),
        ["Intervention end before start"] = new("AddIntervention", "Input.EndOn", "{d:-1}", "Input.EndOn", "on or after the start date", Extra: new() { ["Input.StartOn"] = "{d:0}" }),
        ["Intervention end before start on edit"] = new("EditIntervention", "Input.EndOn", "{d:-1}", "Input.EndOn", "on or after the start date"),
        ["Intervention end 0001-01-01"] = new("EditIntervention", "Input.EndOn", "0001-01-01", "Input.EndOn", "on or after the start date"),
        ["Intervention type empty"] = new("AddIntervention", "Input.Type", "", "Input.Type", "Name the kind"),
        ["Intervention type max+1"] = new("AddIntervention", "Input.Type", new string('x', PlanIntervention.MaxLength.ShortText + 1), "Input.Type", $"at most {PlanIntervention.MaxLength.ShortText}"),
        ["Intervention type RTL override"] = new("AddIntervention", "Input.Type", Rtl, "Input.Type", "U+202E"),
        ["Intervention provider max+1"] = new("AddIntervention", "Input.Provider", new string('x', PlanIntervention.MaxLength.Provider + 1), "Input.Provider", $"at most {PlanIntervention.MaxLength.Provider}"),
        ["Intervention provider RTL override"] = new("EditIntervention", "Input.Provider", Rtl, "Input.Provider", "U+202E"),
        ["Intervention model bidi isolate"] = new("AddIntervention", "Input.Model", "TF\u2067CBT", "Input.Model", "U+2067"),
        ["Intervention frequency CR LF"] = new("AddIntervention", "Input.Frequency", "Weekly\r\nForged: line", "Input.Frequency", "U+000D", KeepsValue: false),
        ["Intervention staff RTL override"] = new("AddIntervention", "Input.ResponsibleStaff", Rtl, "Input.ResponsibleStaff", "U+202E"),
        ["Strength text empty"] = new("AddStrength", "Input.Text", "", "Input.Text", "Describe the strength"),
        ["Strength text max+1"] = new("AddStrength", "Input.Text", new string('x', PlanStrength.TextMaxLength + 1), "Input.Text", $"at most {PlanStrength.TextMaxLength}"),
        ["Strength text RTL override"] = new("EditStrength", "Input.Text", Rtl, "Input.Text", "U+202E"),
        ["Strength source 7"] = new("AddStrength", "Input.Source", "7", "Input.Source", KeepsValue: false),
        ["Overview target before effective date"] = new("Overview", "Input.TargetOn", "{d:-1}", "Input.TargetOn", "on or after the effective date", Extra: new() { ["Input.EffectiveOn"] = "{d:0}" }),
        ["Overview vision max+1"] = new("Overview", "Input.YouthVision", new string('x', ServicePlan.MaxLength.Vision + 1), "Input.YouthVision", $"at most {ServicePlan.MaxLength.Vision}", KeepsValue: false),
        ["Overview vision RTL override"] = new("Overview", "Input.YouthVision", Rtl, "Input.YouthVision", "U+202E", KeepsValue: false),
        ["Overview stage 99"] = new("Overview", "Input.StageOfChange", "99", "Input.StageOfChange", KeepsValue: false),
        ["Overview effective date Feb 29 of a non-leap year"] = new("Overview", "Input.EffectiveOn", "2027-02-29", "Input.EffectiveOn"),
    };

    /// Text that looks dangerous but is a legitimate thing to type; it must be kept exactly and shown inert.
    public static TheoryData<string> AllowedButDangerous() =>
    [
        "<script>alert(1)</script>",
        "\"><svg onload=alert(1)>",
        "{{7*7}} @(1+1)",
        "' OR 1=1--",
        "=HYPERLINK(\"http://example.invalid\")",
    ];

    public static TheoryData<string> CaseNames() => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_is_refused_next_to_the_field_keeps_the_typing_and_changes_nothing(string caseName)
    {
        var bad = Cases[caseName];
        var (url, handler, valid) = Form(bad.Form);
        var before = await ContentTests.SnapshotAsync(home.App);
        var value = Resolve(bad.Value);
        var fields = new Dictionary<string, string>(valid);
        foreach (var (name, extra) in bad.Extra ?? [])
        {
            fields[name] = Resolve(extra);
        }

        fields[bad.Field] = value;

        var response = await home.Counselor.SubmitFormAsync(url, fields, handler);

        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected the form again (200), got {(int)response.StatusCode} {response.Location()} {body[..Math.Min(body.Length, 600)]}");
        }

        var page = await HtmlForms.ParseAsync(response);
        var error = page.FieldError(bad.ErrorField);
        Assert.True(error is not null, $"No message next to {bad.ErrorField}. Messages: {string.Join(" | ", page.QuerySelectorAll(".field-validation-error, .validation-summary-errors").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0))}");
        if (bad.MessageContains is not null)
        {
            Assert.Contains(bad.MessageContains, error, StringComparison.OrdinalIgnoreCase);
        }

        if (bad.KeepsValue)
        {
            Assert.Equal(value, page.QuerySelector($"[name='{bad.Field}']")?.GetAttribute("value"));
        }

        Assert.Equal(before, await ContentTests.SnapshotAsync(home.App));
    }

    [Fact]
    public async Task Text_exactly_at_each_limit_is_accepted_and_stored_whole()
    {
        var (url, _, _) = Form("AddGoal");
        var fields = new Dictionary<string, string>(FullScale)
        {
            ["Input.Domain"] = nameof(PlanDomain.LegalCourt),
            ["Input.YouthStatement"] = new string('y', PlanGoal.MaxLength.Statement),
            ["Input.SmartStatement"] = new string('s', PlanGoal.MaxLength.Statement),
            ["Input.GasExpected"] = new string('e', PlanGoal.MaxLength.GasDescriptor),
            ["Input.GasWeight"] = "9",
        };

        var response = await home.Counselor.SubmitFormAsync(url, fields);

        response.AssertRedirectTo($"/Plans/Details/{home.PlanId}#goal-");
        var goal = await home.App.WithDbAsync(db => db.PlanGoals.AsNoTracking().SingleAsync(g => g.PlanId == home.PlanId && g.Domain == PlanDomain.LegalCourt));
        Assert.Equal(fields["Input.YouthStatement"], goal.YouthStatement);
        Assert.Equal(fields["Input.SmartStatement"], goal.SmartStatement);
        Assert.Equal(fields["Input.GasExpected"], goal.GasExpected);
        Assert.Equal(9, goal.GasWeight);
    }

    [Theory]
    [MemberData(nameof(AllowedButDangerous))]
    public async Task Dangerous_looking_text_is_stored_byte_identical_and_renders_inert_on_the_plan_for_every_reader(string text)
    {
        var domain = PlanDomain.CultureIdentitySpirituality;
        var goalResponse = await home.Counselor.SubmitFormAsync($"/Plans/Goal/{home.PlanId}", new()
        {
            ["Input.Domain"] = domain.ToString(),
            ["Input.YouthStatement"] = text,
            ["Input.SmartStatement"] = text,
            ["Input.GasWeight"] = "1",
            ["Input.GasMuchLess"] = text,
            ["Input.GasLess"] = text,
            ["Input.GasExpected"] = text,
            ["Input.GasMore"] = text,
            ["Input.GasMuchMore"] = text,
        });
        goalResponse.AssertRedirectTo($"/Plans/Details/{home.PlanId}#goal-");
        var goal = await home.App.WithDbAsync(db => db.PlanGoals.AsNoTracking().SingleAsync(g => g.PlanId == home.PlanId && g.Domain == domain && g.YouthStatement == text));
        (await home.Counselor.SubmitFormAsync($"/Plans/Objective/{home.PlanId}?goalId={goal.Id}", new()
        {
            ["Input.Criterion"] = text,
            ["Input.Baseline"] = text,
            ["Input.Target"] = text,
            ["Input.MeasurementMethod"] = text,
            ["Input.ResponsibleName"] = text,
        })).AssertRedirectTo($"/Plans/Details/{home.PlanId}#objective-");
        var objective = await home.App.WithDbAsync(db => db.PlanObjectives.AsNoTracking().SingleAsync(o => o.GoalId == goal.Id));
        (await home.Counselor.SubmitFormAsync($"/Plans/Intervention/{home.PlanId}?objectiveId={objective.Id}", new()
        {
            ["Input.Type"] = text,
            ["Input.Model"] = text,
            ["Input.Frequency"] = text,
            ["Input.Provider"] = text,
            ["Input.ResponsibleStaff"] = text,
        })).AssertRedirectTo($"/Plans/Details/{home.PlanId}#intervention-");
        (await home.Counselor.SubmitFormAsync($"/Plans/Strength/{home.PlanId}", new() { ["Input.Text"] = text }))
            .AssertRedirectTo($"/Plans/Details/{home.PlanId}#strengths");

        var intervention = await home.App.WithDbAsync(db => db.Set<PlanIntervention>().AsNoTracking().SingleAsync(i => i.ObjectiveId == objective.Id));
        string?[] stored =
        [
            goal.YouthStatement, goal.SmartStatement, goal.GasMuchLess, goal.GasLess, goal.GasExpected, goal.GasMore, goal.GasMuchMore,
            objective.Criterion, objective.Baseline, objective.Target, objective.MeasurementMethod, objective.ResponsibleName,
            intervention.Type, intervention.Model, intervention.Frequency, intervention.Provider, intervention.ResponsibleStaff,
        ];
        Assert.All(stored, value => Assert.Equal(text, value));
        Assert.Contains(text, await home.App.WithDbAsync(db => db.Set<PlanStrength>().Where(s => s.PlanId == home.PlanId).Select(s => s.Text).ToListAsync()));

        foreach (var reader in new[] { home.Counselor, home.Director, home.Auditor })
        {
            var page = await HtmlForms.AssertInertAsync(await reader.GetAsync($"/Plans/Details/{home.PlanId}"), text);
            var card = page.QuerySelector($"#goal-{goal.LineageId}")!;
            Assert.Equal($"“{text}”", card.QuerySelector(".youth-statement")!.TextContent.Trim());
            Assert.Equal(text, card.QuerySelector($"#intervention-{intervention.LineageId} .type")!.TextContent);
            Assert.All(card.QuerySelectorAll(".gas td"), td => Assert.Equal(text, td.TextContent));
        }

        // The edit forms carry the text in value attributes and text areas; saving them unchanged alters no byte.
        var goalUrl = $"/Plans/Goal/{home.PlanId}?goalId={goal.Id}";
        var editPage = await HtmlForms.AssertInertAsync(await home.Counselor.GetAsync(goalUrl), text);
        (await home.Counselor.SubmitFormAsync(editPage, goalUrl, [])).AssertRedirectTo($"/Plans/Details/{home.PlanId}");
        var objectiveUrl = $"/Plans/Objective/{home.PlanId}?objectiveId={objective.Id}";
        (await home.Counselor.SubmitFormAsync(await HtmlForms.AssertInertAsync(await home.Counselor.GetAsync(objectiveUrl), text), objectiveUrl, [])).AssertRedirectTo($"/Plans/Details/{home.PlanId}");
        var resaved = await home.App.WithDbAsync(db => db.PlanGoals.AsNoTracking().Include(g => g.Objectives).SingleAsync(g => g.Id == goal.Id));
        Assert.Equal(text, resaved.YouthStatement);
        Assert.Equal(text, resaved.GasMore);
        Assert.Equal(text, resaved.Objectives.Single().Target);
        Assert.Equal(text, resaved.Objectives.Single().Criterion);
    }

    /// The page, handler and the fields a browser would send on top of the form as rendered for each kind of form.
    private (string Url, string? Handler, Dictionary<string, string> Valid) Form(string form) => form switch
    {
        "AddGoal" => ($"/Plans/Goal/{home.PlanId}", null, new() { ["Input.Domain"] = nameof(PlanDomain.Safety), ["Input.YouthStatement"] = "Feel safe at night" }),
        "EditGoal" => ($"/Plans/Goal/{home.PlanId}?goalId={home.GoalId}", null, []),
        "DiscontinueGoal" => ($"/Plans/Goal/{home.PlanId}?goalId={home.GoalId}", "Discontinue", []),
        "AddObjective" => ($"/Plans/Objective/{home.PlanId}?goalId={home.GoalId}", null, new() { ["Input.Criterion"] = "Nights slept through", ["Input.Target"] = "5 a week" }),
        "EditObjective" => ($"/Plans/Objective/{home.PlanId}?objectiveId={home.ObjectiveId}", null, []),
        "AddIntervention" => ($"/Plans/Intervention/{home.PlanId}?objectiveId={home.ObjectiveId}", null, new() { ["Input.Type"] = "Sleep hygiene group" }),
        "EditIntervention" => ($"/Plans/Intervention/{home.PlanId}?interventionId={home.InterventionId}", null, []),
        "AddStrength" => ($"/Plans/Strength/{home.PlanId}", null, new() { ["Input.Text"] = "Kind to younger residents" }),
        "EditStrength" => ($"/Plans/Strength/{home.PlanId}?strengthId={home.StrengthId}", null, []),
        _ => ($"/Plans/Overview/{home.PlanId}", null, []),
    };

    private string Resolve(string value) =>
        value.StartsWith("{d:", StringComparison.Ordinal)
            ? home.App.Today.AddDays(int.Parse(value[3..^1], System.Globalization.CultureInfo.InvariantCulture)).ToString("yyyy-MM-dd")
            : value;
}

/// One app for the plan form cases: a counselor, a director and an auditor signed in, and a DRAFT plan of the
/// counselor's resident with the seeded strength, goal (with a scale), objective (baseline a week ago) and
/// intervention (starting today).
public sealed class PlanFormsHome : IAsyncLifetime
{
    public SafeHomeApp App { get; private set; } = null!;

    public HttpClient Counselor { get; private set; } = null!;

    public HttpClient Director { get; private set; } = null!;

    public HttpClient Auditor { get; private set; } = null!;

    public Guid PlanId { get; private set; }

    public Guid StrengthId { get; private set; }

    public Guid GoalId { get; private set; }

    public Guid ObjectiveId { get; private set; }

    public Guid InterventionId { get; private set; }

    public async ValueTask InitializeAsync()
    {
        App = await SafeHomeApp.StartAsync();
        var (counselor, counselorBrowser) = await App.SignInNewAsync(Roles.Counselor);
        Counselor = counselorBrowser;
        Director = (await App.SignInNewAsync(Roles.ProgramDirector)).Browser;
        Auditor = (await App.SignInNewAsync(Roles.Auditor)).Browser;
        var residentId = await App.CreateResidentAsync(counselor.Id);
        PlanId = await App.CreatePlanAsync(residentId, PlanStatus.Draft, counselor.Id);
        var ids = ContentTests.ItemIds(await ContentTests.LoadPlanAsync(App, PlanId));
        (StrengthId, GoalId, ObjectiveId, InterventionId) = (ids["strengthId"], ids["goalId"], ids["objectiveId"], ids["interventionId"]);
    }

    public async ValueTask DisposeAsync()
    {
        Counselor?.Dispose();
        Director?.Dispose();
        Auditor?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
