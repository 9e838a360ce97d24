using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Authorization;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages;

/// Issue 18, one edit cycle for every form: every form that carries a record's version is found on the pages, opened
/// by two people (two sessions), and saved by both. The second person sees what the first saved beside what they
/// typed, keeps their typing, submits once more, and it is saved; nobody's save disappears silently.
public sealed class EditCycleTests
{
    [Fact]
    public async Task Every_versioned_form_shows_both_edits_to_the_second_person_and_saves_on_their_next_submit()
    {
        await using var app = await SafeHomeApp.StartAsync();
        var (counselor, residentId, ids) = await PageHandlers.SeedCaseAsync(app);
        var director = await app.CreateStaffAsync(Roles.ProgramDirector);
        var admin = await app.CreateStaffAsync(Roles.Admin);
        // Two sessions each, signed in once (the sign-in throttle would refuse a sign-in per form).
        var people = new[] { counselor, director, admin };
        var sessions = new Dictionary<StaffMember, (HttpClient A, HttpClient B)>();
        foreach (var person in people)
        {
            sessions[person] = (await app.SignInAsync(person), await app.SignInAsync(person));
        }

        var tested = new List<string>();
        var problems = new List<string>();
        var pages = (await PageHandlers.PagesAsync(app, counselor, residentId, ids)).Concat(await RecordsInOtherStatesAsync(app, counselor, director, ids.PlanId));
        foreach (var (page, url) in pages)
        {
            foreach (var person in people)
            {
                var response = await sessions[person].A.GetAsync(url);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }

                var forms = Versioned(await HtmlForms.ParseAsync(response)).Select(f => f.Action).ToList();
                foreach (var action in forms)
                {
                    var outcome = await TwoPeopleAsync(sessions[person].A, sessions[person].B, url, action);
                    if (outcome is not null)
                    {
                        (outcome.StartsWith("ok", StringComparison.Ordinal) ? tested : problems).Add($"{page} [{action}] as {person.Role}: {outcome}");
                    }
                }

                break;
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n-- passed:\n" + string.Join("\n", tested));

        // The edit forms proper (not actions) show the two versions side by side and save on the next submit.
        var edits = tested.Where(t => t.EndsWith(": ok", StringComparison.Ordinal))
            .Select(t => t[..t.IndexOf(' ', StringComparison.Ordinal)]).ToHashSet();
        Assert.True(edits.IsSupersetOf(
            [
                "/Residents/Edit", "/Admin/Policy", "/Notes/Edit", "/Notes/Lexicon/Term", "/Plans/Overview", "/Plans/Goal", "/Plans/Objective",
                "/Plans/Intervention", "/Plans/Strength", "/Plans/Meeting", "/Missing/Onset", "/Missing/Return",
            ]),
            "Edit forms without the side-by-side table:\n" + string.Join("\n", tested));
        // Every page that changes a versioned record was reached with a form that could be submitted as shown.
        var reached = tested.Select(t => t[..t.IndexOf(' ', StringComparison.Ordinal)]).ToHashSet();
        Assert.True(reached.IsSupersetOf(
            [
                "/Residents/Edit", "/Residents/Caseload", "/Residents/Discharge", "/Admin/Policy", "/Notes/Edit", "/Notes/Amend",
                "/Notes/Cosign", "/Notes/Lexicon/Term", "/Plans/Overview", "/Plans/Goal", "/Plans/Objective", "/Plans/Intervention",
                "/Plans/Strength", "/Plans/Meeting", "/Plans/Workflow", "/Plans/Sign", "/Plans/Approve", "/Plans/Review",
                "/Missing/Onset", "/Missing/Return",
            ]),
            "Pages not reached:\n" + string.Join("\n", tested) + "\n-- skipped:\n" + string.Join("\n", _skipped));
    }

    /// The forms the route ids alone do not reach: a plan's items, plans waiting for signatures, for approval and in
    /// force, a signed note and one waiting for its co-signature, a term of the language guidance.
    private static async Task<List<(string Page, string Url)>> RecordsInOtherStatesAsync(SafeHomeApp app, StaffMember counselor, StaffMember director, Guid draftPlanId)
    {
        var plan = await app.WithDbAsync(db => db.ServicePlans.AsNoTracking()
            .Include(p => p.Strengths).Include(p => p.Goals).ThenInclude(g => g.Objectives).ThenInclude(o => o.Interventions)
            .SingleAsync(p => p.Id == draftPlanId));
        var goal = plan.Goals.First();
        var objective = goal.Objectives.First();
        var intervention = objective.Interventions.First();
        async Task<Guid> ResidentAsync(string name) => await app.CreateResidentAsync(counselor.Id, name, name + " Q. Example");
        var signing = await app.CreatePlanAsync(await ResidentAsync("Signa"), PlanStatus.PendingSignatures, counselor.Id);
        var approving = await app.CreatePlanAsync(await ResidentAsync("Approva"), PlanStatus.PendingApproval, counselor.Id);
        var active = await app.CreatePlanAsync(await ResidentAsync("Activa"), PlanStatus.Active, counselor.Id, director.Id);
        var noted = await ResidentAsync("Nota");
        var signed = await app.CreateNoteAsync(noted, counselor.Id, NoteStatus.Signed);
        var cosigning = await app.CreateNoteAsync(noted, counselor.Id, NoteStatus.CosignPending);
        var term = await app.WithDbAsync(db => db.LexiconTerms.Select(t => t.Id).FirstAsync());
        return
        [
            ("/Plans/Goal", $"/Plans/Goal/{plan.Id}?goalId={goal.Id}"),
            ("/Plans/Objective", $"/Plans/Objective/{plan.Id}?goalId={goal.Id}&objectiveId={objective.Id}"),
            ("/Plans/Intervention", $"/Plans/Intervention/{plan.Id}?objectiveId={objective.Id}&interventionId={intervention.Id}"),
            ("/Plans/Strength", $"/Plans/Strength/{plan.Id}?strengthId={plan.Strengths.First().Id}"),
            ("/Plans/Sign", $"/Plans/Sign/{signing}"),
            ("/Plans/Approve", $"/Plans/Approve/{approving}"),
            ("/Plans/Review", $"/Plans/Review/{active}"),
            ("/Notes/Amend", $"/Notes/Amend/{signed}"),
            ("/Notes/Cosign", $"/Notes/Cosign/{cosigning}"),
            ("/Notes/Lexicon/Term", $"/Notes/Lexicon/Term?termId={term}"),
        ];
    }

    // Forms that could not be submitted as shown, with the messages that said why (printed when a page is not reached).
    private readonly List<string> _skipped = [];

    /// Null when the form cannot be submitted as rendered (an empty "add" form): nothing to overwrite there.
    private async Task<string?> TwoPeopleAsync(HttpClient a, HttpClient b, string url, string action)
    {
        // An earlier form on this page may have moved the record on (a plan sent for approval has no Send button).
        if (Form(await a.GetDocumentAsync(url), action) is not { } formA || Form(await b.GetDocumentAsync(url), action) is not { } formB)
        {
            return null;
        }

        var field = TextField(formA);

        // An empty form adds an item beside the others: both people's items are kept, nothing to show side by side.
        var adds = field is not null && FieldValue(formA, field).Length == 0;

        var first = await SubmitAsync(b, url, formB, field, " (saved first)");
        if (first.StatusCode != HttpStatusCode.Redirect)
        {
            var page0 = await HtmlForms.ParseAsync(first);
            _skipped.Add(url + ": " + string.Join(" | ", page0.QuerySelectorAll(".field-validation-error, .validation-summary-errors").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0)));
            return null;
        }

        var second = await SubmitAsync(a, url, formA, field, " (typed second)");
        if (second.StatusCode == HttpStatusCode.Redirect)
        {
            // Applied to the record as saved now: only right when it overwrites nobody.
            return field is null ? "ok (nothing typed, applied to the saved record)"
                : adds ? "ok (added beside the first)"
                : $"the second save overwrote the first without showing it ({second.Location()})";
        }

        if (second.StatusCode == HttpStatusCode.NotFound && field is null)
        {
            // Removing what someone else removed meanwhile: it is gone, as asked (an id no longer in the plan is 404,
            // like any id that is not part of it).
            return "ok (already gone)";
        }

        if (second.StatusCode != HttpStatusCode.OK)
        {
            return $"the second save answered {(int)second.StatusCode}";
        }

        var page = await HtmlForms.ParseAsync(second);
        var told = page.QuerySelectorAll("main [role=alert], main [role=status], main .field-validation-error, main .validation-summary-errors")
            .Where(e => e.Id != "session-warning").Select(e => e.TextContent.Trim()).FirstOrDefault(t => t.Length > 0);
        if (field is null || page.QuerySelector("#conflict") is null)
        {
            // An action on the record as it was read (sign, approve, discharge, a step of the workflow), a form the
            // record has moved past (a note signed meanwhile), or one only adding (a signature refused because that
            // signer signed meanwhile): not applied to what changed, and the page says why.
            return told is null ? "refused without saying why" : "ok (told: " + told[..Math.Min(80, told.Length)] + ")";
        }

        var conflict = page.QuerySelector("#conflict")?.TextContent;
        if (conflict is null)
        {
            return "no table of what is saved beside what was typed: " + page.QuerySelector("main")?.TextContent.Trim()[..Math.Min(300, page.QuerySelector("main")?.TextContent.Trim().Length ?? 0)];
        }

        // An empty form adds an item: the first person's item is beside it in the record, not in the form's fields.
        if (field is not null && ((!adds && !conflict.Contains("(saved first)", StringComparison.Ordinal)) || (!adds && !conflict.Contains("(typed second)", StringComparison.Ordinal))))
        {
            return "the table does not show both versions: " + conflict.Trim();
        }

        if (Form(page, action) is not { } again)
        {
            // The record moved past this form (a goal discontinued meanwhile has no Discontinue): the table said why.
            return "ok (shown what is saved; nothing left to submit)";
        }

        if (field is not null && !FieldValue(again, field).EndsWith("(typed second)", StringComparison.Ordinal))
        {
            return "the typing was not kept in the form";
        }

        var third = await a.PostAsync(Target(url, again), new FormUrlEncodedContent(HtmlForms.FieldsOf(again)));
        if (third.StatusCode != HttpStatusCode.Redirect)
        {
            var refused = await HtmlForms.ParseAsync(third);
            var why = string.Join(" | ", refused.QuerySelectorAll("#conflict, .field-validation-error, .validation-summary-errors").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
            // A record that takes one entry (the post-return screen) refuses the second by its own rule, by name.
            return third.StatusCode == HttpStatusCode.OK && refused.QuerySelector("#conflict") is null && why.Length > 0
                ? $"ok (shown both; the next submit is refused by a rule: {why})"
                : $"submitting again did not save ({(int)third.StatusCode}): {why}";
        }

        // An edit form shows the record as saved now (an add form opens empty again).
        if (!adds && field is not null && Form(await a.GetDocumentAsync(url), action) is { } shown && !FieldValue(shown, field).EndsWith("(typed second)", StringComparison.Ordinal))
        {
            return "what was saved on the second submit is not what the form shows now";
        }

        return "ok";
    }

    private static IEnumerable<IHtmlFormElement> Versioned(IHtmlDocument document) =>
        document.QuerySelectorAll("form[method=post]").OfType<IHtmlFormElement>()
            .Where(f => f.QuerySelector("input[type=hidden][name$='.Version']") is not null);

    private static IHtmlFormElement? Form(IHtmlDocument document, string action) =>
        Versioned(document).FirstOrDefault(f => f.Action == action);

    /// The form's first free-text field (not a date, not a number) that already holds text, else its first text
    /// area, else its first text field: where two people's typing can differ.
    private static string? TextField(IHtmlFormElement form)
    {
        var fields = form.Elements.Where(e => e is IHtmlTextAreaElement { IsReadOnly: false, IsDisabled: false }
            || (e is IHtmlInputElement { Type: "text", IsReadOnly: false, IsDisabled: false } input && !input.HasAttribute("data-date-format") && input.GetAttribute("inputmode") is null))
            .ToList();
        var filled = fields.FirstOrDefault(e => (e is IHtmlTextAreaElement area ? area.Value : ((IHtmlInputElement)e).Value).Length > 0);
        return (filled ?? fields.FirstOrDefault(e => e is IHtmlTextAreaElement) ?? fields.FirstOrDefault())?.GetAttribute("name");
    }

    private static string FieldValue(IHtmlFormElement form, string name) =>
        HtmlForms.FieldsOf(form).Where(f => f.Key == name).Select(f => f.Value).FirstOrDefault() ?? string.Empty;

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string url, IHtmlFormElement form, string? field, string suffix)
    {
        var fields = HtmlForms.FieldsOf(form);

        // A name left empty (who signs) gets an invented one.
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(e => e.Type == "text" && e.Name is { Length: > 0 } && e.Name != field && !e.IsDisabled && !e.HasAttribute("data-date-format") && e.GetAttribute("inputmode") is null))
        {
            var index = fields.FindIndex(f => f.Key == input.Name);
            if (index >= 0 && fields[index].Value.Length == 0 && input.Name!.EndsWith("Name", StringComparison.Ordinal))
            {
                fields[index] = new(input.Name, "Invented Signer");
            }
        }

        // A choice the form leaves open ("Choose a kind", a rating with nothing ticked) gets its first option, as a
        // person would pick one.
        foreach (var group in form.Elements.OfType<IHtmlInputElement>().Where(e => e.Type == "radio" && e.Name is { Length: > 0 } && !e.IsDisabled).GroupBy(e => e.Name!))
        {
            if (!fields.Any(f => f.Key == group.Key))
            {
                fields.Add(new(group.Key, group.First().Value));
            }
        }

        foreach (var select in form.Elements.OfType<IHtmlSelectElement>().Where(e => e.Name is { Length: > 0 } && !e.IsDisabled))
        {
            var index = fields.FindIndex(f => f.Key == select.Name);
            if (index >= 0 && fields[index].Value.Length == 0 && select.Options.FirstOrDefault(o => o.Value.Length > 0) is { } first)
            {
                fields[index] = new(select.Name!, first.Value);
            }
        }

        if (field is not null)
        {
            var index = fields.FindIndex(f => f.Key == field);
            fields[index] = new(field, fields[index].Value + suffix);
        }

        return browser.PostAsync(Target(url, form), new FormUrlEncodedContent(fields));
    }

    private static string Target(string url, IHtmlFormElement form) =>
        string.IsNullOrEmpty(form.GetAttribute("action")) ? url : WebUtility.HtmlDecode(form.GetAttribute("action")!);
}
