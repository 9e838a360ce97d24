using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Razor.Hosting;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Pages.Audit;

namespace SafeHome.UnitTests.Pages.Audit;

public sealed partial class AuditWordsTests
{
    [Theory]
    [InlineData("NotifiedAtUtc", "Notified at")]
    [InlineData("ServiceStartUtc", "Service start")]
    [InlineData("ResidentId", "Resident")]
    [InlineData("RecordedById", "Recorded by")]
    [InlineData("PreferredName", "Preferred name")]
    [InlineData("DateOfBirth", "Date of birth")]
    [InlineData("IsSensitive", "Sensitive")]
    [InlineData("NcmecCaseNumber", "NCMEC case number")]
    [InlineData("FoundZip", "Found ZIP")]
    [InlineData("NCMECCaseNumber", "NCMEC case number")]
    [InlineData("gal_minutes", "GAL minutes")]
    [InlineData("Pronouns", "Pronouns")]
    public void Field_names_are_split_into_a_sentence_without_storage_suffixes(string field, string expected) =>
        Assert.Equal(expected, AuditWords.Field(field));

    [Theory]
    [InlineData("Id", "ID")]
    [InlineData("Utc", "Utc")]
    [InlineData("UserId", "Staff member")]
    [InlineData("YouthWords", "Youth's own words")]
    [InlineData("DistanceFromExploitationMiles", "Distance from where exploitation happened (miles)")]
    public void Fields_that_read_badly_when_split_have_their_own_words(string field, string expected) =>
        Assert.Equal(expected, AuditWords.Field(field));

    [Theory]
    [InlineData("ProgressNote", "Progress note")]
    [InlineData("ServicePlan", "Service plan")]
    [InlineData("MissingEpisode", "Missing episode")]
    [InlineData("CareFollowUp", "Care follow-up")]
    [InlineData("SafeHomeUser", "Staff account")]
    [InlineData("User", "Staff account")]
    [InlineData("IdentityUserRole`1", "Role assignment")]
    [InlineData("PlacementSafetyDecision", "Placement-safety decision")]
    [InlineData("AuditTimeline", "Resident history")]
    public void Record_types_read_as_people_say_them(string entityType, string expected) =>
        Assert.Equal(expected, AuditWords.Record(entityType));

    [Theory]
    [InlineData(AuditActions.Insert, "Resident", "created")]
    [InlineData(AuditActions.Update, "CareFollowUp", "changed")]
    [InlineData(AuditActions.Delete, "PlanGoal", "deleted")]
    [InlineData(AuditActions.View, "Resident", "viewed the resident overview")]
    [InlineData(AuditActions.View, "ProgressNote", "viewed a progress note")]
    [InlineData(AuditActions.View, "ExploitationEvent", "viewed an exploitation event")]
    [InlineData(AuditActions.View, "ProgressNoteList", "viewed the list of progress notes")]
    [InlineData(AuditActions.LoginSucceeded, "User", "signed in")]
    [InlineData(AuditActions.Export, "AuditExtract", "downloaded the history as CSV")]
    public void Actions_read_as_what_the_person_did(string action, string entityType, string expected) =>
        Assert.Equal(expected, AuditWords.Action(action, entityType, "key"));

    [Theory]
    [InlineData("/Residents/Edit/0b7e7b0e-4a63-4a34-8a5e-0d4c3c1c2f11", "opened the form to edit resident details")]
    [InlineData("/residents/edit/0b7e7b0e-4a63-4a34-8a5e-0d4c3c1c2f11", "opened the form to edit resident details")]
    [InlineData("/Residents", "viewed the list of residents")]
    [InlineData("/Plans/Goal/0b7e7b0e-4a63-4a34-8a5e-0d4c3c1c2f11", "opened the form for a goal")]
    [InlineData("/Notes/0b7e7b0e-4a63-4a34-8a5e-0d4c3c1c2f11", "viewed the list of progress notes")]
    [InlineData("/Notes/Lexicon", "viewed the language guidance")]
    [InlineData("/Notes/Lexicon/Term", "opened the form for a language-guidance term")]
    [InlineData("/Somewhere/Else", "viewed a page")]
    [InlineData("", "viewed a page")]
    public void A_view_of_a_page_says_which_page_from_its_path(string path, string expected) =>
        Assert.Equal(expected, AuditWords.Action(AuditActions.View, "Page", path));

    [Theory]
    [InlineData("CareFollowUp|42", "viewed the history of a care follow-up")]
    [InlineData("ExploitationEvent|42", "viewed the history of an exploitation event")]
    [InlineData("CareFollowUp", "viewed a record's history")]
    [InlineData("|42", "viewed a record's history")]
    public void A_view_of_a_records_history_names_the_record(string key, string expected) =>
        Assert.Equal(expected, AuditWords.Action(AuditActions.View, "AuditHistory", key));

    [Fact]
    public void Every_case_page_a_view_can_be_filed_under_has_its_own_words()
    {
        var pages = typeof(AuditWords).Assembly.GetCustomAttributes<RazorCompiledItemAttribute>()
            .Where(item => item.Kind == "mvc.1.0.razor-page")
            .Select(item => item.Identifier["/Pages".Length..^".cshtml".Length])
            .Where(page => ViewAuditFilter.CaseFolders.Any(folder => page.StartsWith(folder, StringComparison.Ordinal)))
            .ToList();

        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.NotEqual("viewed a page", AuditWords.Action(AuditActions.View, "Page", $"{page}/{Guid.Empty}")));
    }

    [Fact]
    public void Every_action_the_code_writes_has_its_own_words()
    {
        Assert.All(AuditQueries.Actions, action =>
        {
            var words = AuditWords.Action(action);
            Assert.DoesNotContain("_", words, StringComparison.Ordinal);
            Assert.NotEqual(action, words);
        });
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("(unreadable change record)")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Id")]
    [InlineData("Utc")]
    [InlineData("_")]
    [InlineData("`1")]
    [InlineData("IsX")]
    [InlineData("A")]
    [InlineData("X9")]
    [InlineData("Résumé")]
    public void Unknown_names_never_throw_and_never_come_back_empty(string? name)
    {
        Assert.False(string.IsNullOrWhiteSpace(AuditWords.Field(name)));
        Assert.False(string.IsNullOrWhiteSpace(AuditWords.Record(name)));
        Assert.False(string.IsNullOrWhiteSpace(AuditWords.Action(name)));
        Assert.False(string.IsNullOrWhiteSpace(AuditWords.Action(name, name, name)));
        Assert.False(string.IsNullOrWhiteSpace(AuditWords.Action(AuditActions.View, name, name)));
        Assert.False(string.IsNullOrWhiteSpace(AuditWords.Action(AuditActions.View, "AuditHistory", name)));
    }

    // A new entity or field gets words from the general rule; this fails if one would show as a raw name instead.
    [Fact]
    public void Every_entity_and_property_of_the_model_and_every_filter_type_has_plain_words()
    {
        using var db = new SafeHomeDbContext(new DbContextOptionsBuilder<SafeHomeDbContext>().UseSqlite("Data Source=:memory:").Options);
        var entities = db.Model.GetEntityTypes().ToList();
        Assert.True(entities.Count > 30);

        var words = entities.Select(t => (Raw: t.ClrType.Name, Words: AuditWords.Record(t.ClrType.Name)))
            .Concat(AuditQueries.RecordTypes(db).Select(t => (Raw: t, Words: AuditWords.Record(t))))
            .Concat(entities.SelectMany(t => t.GetProperties()).Select(p => (Raw: p.Name, Words: AuditWords.Field(p.Name))))
            .ToList();

        Assert.All(words, w => Assert.True(IsPlain(w.Words), $"{w.Raw} → \"{w.Words}\""));
    }

    private static bool IsPlain(string words) =>
        !string.IsNullOrWhiteSpace(words) && !RawName().IsMatch(words) && !words.EndsWith(" id", StringComparison.OrdinalIgnoreCase);

    // An inner capital (PascalCase or camelCase), an underscore or a generic arity marks a name nobody translated.
    [GeneratedRegex(@"\p{Ll}\p{Lu}|_|`|\bUtc\b")]
    private static partial Regex RawName();
}
