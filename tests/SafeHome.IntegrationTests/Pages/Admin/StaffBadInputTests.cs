using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Pages.Admin.Staff;

namespace SafeHome.IntegrationTests.Pages.Admin;

/// SECURITY.md I1, Z5 and Z7 on the staff pages: bad input to the create form is refused next to the field with no
/// account created, forged fields are ignored, and an administrator cannot change their own role or deactivate
/// themselves. The cases share one app (see <see cref="StaffFormsHome"/>); each compares the accounts before and after.
public sealed class StaffBadInputTests(StaffFormsHome home) : IClassFixture<StaffFormsHome>
{
    private const string Taken = "taken.address@example.invalid";

    private static readonly Dictionary<string, (string Field, string Value, string ErrorField, string? MessageContains)> CreateCases = new()
    {
        ["email empty"] = ("Input.Email", "", "Input.Email", "Enter an email"),
        ["email spaces only"] = ("Input.Email", "    ", "Input.Email", "Enter an email"),
        ["email without @"] = ("Input.Email", "not-an-email", "Input.Email", "valid email"),
        ["email without local part"] = ("Input.Email", "@example.invalid", "Input.Email", "valid email"),
        ["email without domain"] = ("Input.Email", "name@", "Input.Email", "valid email"),
        ["email with two @"] = ("Input.Email", "two@@example.invalid", "Input.Email", "valid email"),
        ["email with CR LF header injection"] = ("Input.Email", "name@example.invalid\r\nBcc: other@example.invalid", "Input.Email", null),
        ["email with a space"] = ("Input.Email", "name with space@example.invalid", "Input.Email", null),
        ["email with markup"] = ("Input.Email", "<script>@example.invalid", "Input.Email", null),
        ["email with U+202E"] = ("Input.Email", "ev\u202Elivni.elpmaxe@example.invalid", "Input.Email", null),
        ["email with U+200B"] = ("Input.Email", "zero\u200Bwidth@example.invalid", "Input.Email", null),
        ["email 257 characters"] = ("Input.Email", new string('e', 257 - "@example.invalid".Length) + "@example.invalid", "Input.Email", "256"),
        ["email already taken"] = ("Input.Email", Taken, "Input.Email", "already exists"),
        ["email already taken in other case"] = ("Input.Email", "TAKEN.Address@Example.INVALID", "Input.Email", "already exists"),
        ["email already taken with spaces around"] = ("Input.Email", "  " + Taken + "  ", "Input.Email", "already exists"),
        ["display name empty"] = ("Input.DisplayName", "", "Input.DisplayName", "Enter a display name"),
        ["display name spaces only"] = ("Input.DisplayName", "   ", "Input.DisplayName", "Enter a display name"),
        ["display name 101 characters"] = ("Input.DisplayName", new string('d', 101), "Input.DisplayName", "100"),
        ["display name 1000 characters"] = ("Input.DisplayName", new string('d', 1000), "Input.DisplayName", "100"),
        ["display name with U+202E"] = ("Input.DisplayName", "Admin\u202Enimda", "Input.DisplayName", "U+202E"),
        ["display name with U+2066"] = ("Input.DisplayName", "Dana\u2066Example", "Input.DisplayName", "U+2066"),
        ["display name with U+200B"] = ("Input.DisplayName", "Da\u200Bna Example", "Input.DisplayName", "U+200B"),
        ["display name with U+FEFF"] = ("Input.DisplayName", "Da\uFEFFna Example", "Input.DisplayName", "U+FEFF"),
        ["display name with CR LF"] = ("Input.DisplayName", "Dana\r\nForged: line", "Input.DisplayName", "U+000D"),
        ["display name growing past 100 under NFC"] = ("Input.DisplayName", new string('\u0958', 100), "Input.DisplayName", "100"),
        ["role SuperAdmin"] = ("Input.Role", "SuperAdmin", "Input.Role", "listed roles"),
        ["role empty"] = ("Input.Role", "", "Input.Role", "Choose a role"),
        ["role in lower case"] = ("Input.Role", "admin", "Input.Role", "listed roles"),
        ["role with trailing space"] = ("Input.Role", "Admin ", "Input.Role", "listed roles"),
        ["role list"] = ("Input.Role", "Counselor,Admin", "Input.Role", "listed roles"),
    };

    public static TheoryData<string> CreateCaseNames() => [.. CreateCases.Keys];

    [Theory]
    [MemberData(nameof(CreateCaseNames))]
    public async Task Create_refuses_bad_input_next_to_the_field_and_creates_no_account(string caseName)
    {
        var (field, value, errorField, messageContains) = CreateCases[caseName];
        var before = await home.AccountsAsync();
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = $"new.{Guid.NewGuid():N}@example.invalid",
            ["Input.DisplayName"] = "Newa Example",
            ["Input.Role"] = Roles.Counselor,
            [field] = value,
        };

        var response = await home.Admin.SubmitFormAsync("/Admin/Staff/Create", fields);

        var page = await AssertRerenderedAsync(response);
        var error = page.FieldError(errorField);
        Assert.True(error is not null, $"No message next to {errorField}; page says: {Messages(page)}");
        if (messageContains is not null)
        {
            Assert.Contains(messageContains, error, StringComparison.OrdinalIgnoreCase);
        }

        if (field != "Input.Role")
        {
            Assert.Equal(value, page.QuerySelector($"[name='{field}']")?.GetAttribute("value"));
        }

        var after = await home.AccountsAsync();
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Create_ignores_forged_fields_beside_the_form()
    {
        var before = await home.AccountsAsync();
        var email = $"forged.{Guid.NewGuid():N}@example.invalid";

        var response = await home.Admin.SubmitFormAsync("/Admin/Staff/Create", new()
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "Forga Example",
            ["Input.Role"] = Roles.Counselor,
            ["Input.IsActive"] = "false",
            ["Input.Id"] = "forged-id",
            ["Input.EmailConfirmed"] = "false",
            ["Input.LockoutEnabled"] = "false",
            ["Role"] = Roles.Admin,
            ["IsActive"] = "false",
            ["Roles"] = Roles.Admin,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(response)).QuerySelector("#reset-link"));
        var after = await home.AccountsAsync();
        Assert.Equal(before.Count + 1, after.Count);
        var created = Assert.Single(after, a => a.Email == email);

        // No role at all yet: the counselor role waits for a director, and the forged admin role went nowhere.
        Assert.Equal(string.Empty, created.Roles);
        var waiting = await home.App.WithDbAsync(db => db.AccountChangeRequests.AsNoTracking().SingleAsync(r => r.AccountId == created.Id));
        Assert.Equal((AccountChangeKind.GrantCaseRole, Roles.Counselor), (waiting.Kind, waiting.Role));
        Assert.True(created.IsActive);
        Assert.NotEqual("forged-id", created.Id);
    }

    [Theory]
    [InlineData("SuperAdmin")]
    [InlineData("")]
    [InlineData("admin")]
    [InlineData("Admin\r\nAuditor")]
    public async Task Changing_a_role_to_one_not_in_the_list_is_refused_and_changes_nothing(string role)
    {
        var before = await home.AccountsAsync();

        var response = await home.Admin.SubmitFormAsync($"/Admin/Staff/Edit/{home.Counselor.Id}", new() { ["Input.Role"] = role }, handler: "ChangeRole");

        var page = await AssertRerenderedAsync(response);
        Assert.NotNull(page.FieldError("Input.Role"));
        Assert.Equal(before, await home.AccountsAsync());
    }

    [Fact]
    public async Task Changing_the_role_of_an_unknown_account_answers_404()
    {
        var before = await home.AccountsAsync();
        var document = await home.Admin.GetDocumentAsync($"/Admin/Staff/Edit/{home.Counselor.Id}");
        var form = document.QuerySelectorAll("form").OfType<IHtmlFormElement>().Single(f => f.Action.Contains("handler=ChangeRole", StringComparison.Ordinal));
        var fields = HtmlForms.FieldsOf(form);
        fields.Add(new("Input.Role", Roles.Admin));

        // The real form of an existing account (valid token), sent to an id that does not exist.
        var response = await home.Admin.PostAsync($"/Admin/Staff/Edit/{Guid.NewGuid()}?handler=ChangeRole", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await home.AccountsAsync());
    }

    [Theory]
    [InlineData(Roles.Counselor)]
    [InlineData(Roles.Auditor)]
    [InlineData(Roles.Admin)]
    public async Task An_administrator_cannot_change_their_own_role(string role)
    {
        var before = await home.AccountsAsync();

        // The page disables the role control on one's own account; a hand-made post sends it anyway.
        var response = await home.Admin.SubmitFormAsync($"/Admin/Staff/Edit/{home.AdminMember.Id}", new() { ["Input.Role"] = role }, handler: "ChangeRole");

        var page = await AssertRerenderedAsync(response);
        Assert.Equal(EditModel.NotYourself, page.FieldError("Input.Role"));
        Assert.Equal(before, await home.AccountsAsync());
        Assert.Equal(HttpStatusCode.OK, (await home.Admin.GetAsync("/Admin/Staff")).StatusCode);
    }

    [Theory]
    [InlineData("Deactivate")]
    [InlineData("Reactivate")]
    public async Task An_administrator_cannot_deactivate_or_reactivate_themselves(string handler)
    {
        var before = await home.AccountsAsync();
        var url = $"/Admin/Staff/Edit/{home.AdminMember.Id}";
        var token = await home.Admin.AntiforgeryTokenAsync(url);

        // The page offers no such button on one's own account; a hand-made post tries it.
        var response = await home.Admin.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        var page = await AssertRerenderedAsync(response);
        Assert.Contains(EditModel.NotYourself, page.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await home.AccountsAsync());
        Assert.Equal(HttpStatusCode.OK, (await home.Admin.GetAsync("/Admin/Staff")).StatusCode);
    }

    private static async Task<IHtmlDocument> AssertRerenderedAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected the form again (200), got {(int)response.StatusCode} {response.Location()} {body[..Math.Min(body.Length, 600)]}");
        }

        return await HtmlForms.ParseAsync(response);
    }

    private static string Messages(IHtmlDocument page) =>
        string.Join(" | ", page.QuerySelectorAll(".field-validation-error, .validation-summary-errors").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
}

/// One app for the staff form cases: a signed-in administrator and a counselor whose address is taken.
public sealed class StaffFormsHome : IAsyncLifetime
{
    public SafeHomeApp App { get; private set; } = null!;

    public StaffMember AdminMember { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public StaffMember Counselor { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App = await SafeHomeApp.StartAsync();
        (AdminMember, Admin) = await App.SignInNewAsync(Roles.Admin);
        Counselor = await App.CreateStaffAsync(Roles.Counselor, "taken.address@example.invalid");
    }

    /// Every account with what an attacker would want to change: role, active flag and security stamp.
    public Task<List<Account>> AccountsAsync() => App.WithDbAsync(async db =>
    {
        var roles = await db.UserRoles.AsNoTracking().Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync();
        return users.Select(u => new Account(
            u.Id,
            u.Email,
            u.DisplayName,
            u.IsActive,
            u.SecurityStamp,
            string.Join(",", roles.Where(r => r.UserId == u.Id).Select(r => r.Name).Order()))).ToList();
    });

    public sealed record Account(string Id, string? Email, string DisplayName, bool IsActive, string? SecurityStamp, string Roles);

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
