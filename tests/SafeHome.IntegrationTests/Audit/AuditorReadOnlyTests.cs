using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Authorization;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Infrastructure;

namespace SafeHome.IntegrationTests.Audit;

/// SECURITY.md Z3 and issue 6 item 6, for every POST handler the app has: an auditor's request with a valid antiforgery
/// token answers 403, a checksum of every case table is unchanged, and exactly one access_denied row is written. The few
/// pages marked [AllowAuditorPost] (sign-out, searches, the integrity check) must still leave case data untouched.
public sealed class AuditorReadOnlyTests
{
    // Tables that legitimately grow when an auditor is refused or verifies the chain.
    private static readonly HashSet<string> HistoryTables = ["AuditEntries", "IntegrityChecks", "AuditCheckpoints", "__EFMigrationsHistory"];

    [Theory, Providers]
    public async Task Every_post_handler_refuses_an_auditor_and_changes_no_case_data(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var ids = new RouteIds(
            await app.CreatePlanAsync(residentId, Domain.Plans.PlanStatus.Draft, counselor.Id),
            await app.CreateNoteAsync(residentId, counselor.Id),
            await app.CreateEpisodeAsync(residentId));
        var auditorMember = await app.CreateStaffAsync(Roles.Auditor);
        var auditor = await app.SignInAsync(auditorMember);
        var tokenPage = $"/Residents/Details/{residentId}";
        var allowed = PagesAllowingAuditorPosts();
        HttpClient[] formOwners =
        [
            await app.SignInAsync(counselor),
            (await app.SignInNewAsync(Roles.ProgramDirector)).Browser,
            (await app.SignInNewAsync(Roles.Admin)).Browser,
            app.CreateBrowser(),
        ];

        var posts = (await PageHandlers.DiscoverAsync(app.Services)).Where(h => h.Method == "POST").ToList();
        var exercised = new List<string>();
        var realForms = 0;
        var failures = new List<string>();
        foreach (var handler in posts.OrderBy(h => allowed.Contains(h.Page)).ThenBy(h => h.Key, StringComparer.Ordinal))
        {
            var url = handler.Url(residentId, ids, counselor.Id);
            // A complete form would pass binding and validation, so a refusal cannot come from an incomplete one.
            var fields = await RealFormAsync(formOwners, handler, url);
            realForms += fields.Count > 0 ? 1 : 0;
            fields.Add(new("__RequestVerificationToken", await auditor.AntiforgeryTokenAsync(tokenPage)));
            // Signing out renews the auditor's own security stamp, so the allowed pages are held to the case tables.
            var identityToo = !allowed.Contains(handler.Page);
            var before = await ChecksumAsync(app, identityToo);
            var deniedBefore = await DeniedCountAsync(app);

            var response = await auditor.PostAsync(url, new FormUrlEncodedContent(fields));

            exercised.Add(handler.Key);
            if (await ChecksumAsync(app, identityToo) != before)
            {
                failures.Add($"{handler.Key}: case data changed");
            }

            if (allowed.Contains(handler.Page))
            {
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{handler.Key}: {(int)response.StatusCode}");
                }

                // Signing out ends the session; sign in again for the rest.
                auditor = await app.SignInAsync(auditorMember);
                continue;
            }

            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                failures.Add($"{handler.Key}: expected 403, got {(int)response.StatusCode}");
            }

            if (await DeniedCountAsync(app) != deniedBefore + 1)
            {
                failures.Add($"{handler.Key}: expected exactly one access_denied row");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        // Discovery is checked against the hand-kept matrix, so a discovery that finds nothing cannot pass quietly.
        var matrixPosts = MatrixRow.Load().Select(r => r.Key).Where(k => k.Split(' ')[1] == "POST").ToList();
        Assert.Empty(matrixPosts.Except(exercised));
        Assert.Equal(posts.Count, exercised.Count);
        Assert.True(posts.Count(h => !allowed.Contains(h.Page)) >= 57, $"only {posts.Count} POST handlers were discovered");
        Assert.True(realForms >= 25, $"only {realForms} handlers were posted with a real form's fields");
    }

    [Theory, Providers]
    public async Task No_page_an_auditor_can_open_offers_a_form_that_would_change_anything(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var ids = new RouteIds(
            await app.CreatePlanAsync(residentId, Domain.Plans.PlanStatus.Draft, counselor.Id),
            await app.CreateNoteAsync(residentId, counselor.Id),
            await app.CreateEpisodeAsync(residentId));
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var allowed = PagesAllowingAuditorPosts();

        // Account pages (sign-in, password reset) act on the visitor's own sign-in, not on any record.
        var gets = (await PageHandlers.DiscoverAsync(app.Services))
            .Where(h => h.Method == "GET" && h.Handler is null && !h.Page.StartsWith("/Account/", StringComparison.Ordinal))
            .ToList();
        var opened = 0;
        var failures = new List<string>();
        foreach (var handler in gets)
        {
            var response = await auditor.GetAsync(handler.Url(residentId, ids, counselor.Id));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            opened++;
            var page = await HtmlForms.ParseAsync(response);
            foreach (var form in page.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)))
            {
                var action = new Uri(new Uri("https://localhost" + handler.Url(residentId, ids, counselor.Id)), form.GetAttribute("action") ?? string.Empty).AbsolutePath;
                if (!allowed.Any(a => IsRouteOf(a, action)))
                {
                    failures.Add($"{handler.Key}: a form posting to {action}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(opened >= 20, $"the auditor could open only {opened} pages");
    }

    [Theory, Providers]
    public async Task The_checksum_sees_a_change_to_case_data(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        await app.CreateResidentAsync(counselor.Id);
        var before = await ChecksumAsync(app, identityToo: false);

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"Residents\" SET \"Pronouns\" = 'they/them'"));

        Assert.NotEqual(before, await ChecksumAsync(app, identityToo: false));
    }

    /// An Index page also answers at its folder ("/" for "/Index", "/Residents" for "/Residents/Index"); any other
    /// page at its own path, with or without route values after it.
    private static bool IsRouteOf(string page, string path)
    {
        if (page.EndsWith("/Index", StringComparison.Ordinal))
        {
            var folder = page[..^"Index".Length];
            if (string.Equals(path, folder, StringComparison.OrdinalIgnoreCase) || string.Equals(path, folder.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return path.StartsWith(page, StringComparison.OrdinalIgnoreCase);
    }

    /// "/Account/Logout" for SafeHome.Web.Pages.Account.LogoutModel, and so on, for every page marked [AllowAuditorPost].
    private static HashSet<string> PagesAllowingAuditorPosts() =>
        typeof(AllowAuditorPostAttribute).Assembly.GetTypes()
            .Where(t => t.GetCustomAttribute<AllowAuditorPostAttribute>() is not null && t.Namespace is not null && t.Name.EndsWith("Model", StringComparison.Ordinal))
            .Select(t => t.Namespace!["SafeHome.Web.Pages".Length..].Replace('.', '/') + "/" + t.Name[..^"Model".Length])
            .ToHashSet(StringComparer.Ordinal);

    /// The fields of the form that posts to this handler, from the first of the given users who can open its page
    /// (the antiforgery token left out, since it belongs to that user); none when no one can open it cheaply.
    private static async Task<List<KeyValuePair<string, string>>> RealFormAsync(IEnumerable<HttpClient> browsers, PageHandler handler, string url)
    {
        var pageUrl = url.Split('?')[0];
        foreach (var browser in browsers)
        {
            var response = await browser.GetAsync(pageUrl);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            var document = await HtmlForms.ParseAsync(response);
            var form = document.QuerySelectorAll("form").OfType<IHtmlFormElement>()
                .FirstOrDefault(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase) && PostsTo(f, pageUrl, handler.Handler));
            if (form is not null)
            {
                return [.. HtmlForms.FieldsOf(form).Where(f => f.Key != "__RequestVerificationToken")];
            }
        }

        return [];
    }

    private static bool PostsTo(IHtmlFormElement form, string pageUrl, string? handler)
    {
        var targets = form.QuerySelectorAll("[formaction]").Select(b => b.GetAttribute("formaction")).Prepend(form.GetAttribute("action"));
        return targets.Any(target =>
        {
            var decoded = WebUtility.HtmlDecode(target ?? string.Empty);
            var path = decoded.Split('?')[0];
            var query = decoded.Contains('?', StringComparison.Ordinal) ? decoded[(decoded.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty;
            var postedHandler = query.Split('&').Where(p => p.StartsWith("handler=", StringComparison.OrdinalIgnoreCase)).Select(p => p["handler=".Length..]).FirstOrDefault();
            return (path.Length == 0 || string.Equals(path, pageUrl, StringComparison.OrdinalIgnoreCase))
                && string.Equals(postedHandler, handler, StringComparison.OrdinalIgnoreCase);
        });
    }

    private static Task<int> DeniedCountAsync(SafeHomeApp app) =>
        app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.AccessDenied));

    /// SHA-256 over every row of every case table (and the account tables when asked), tables and rows in a fixed order.
    private static Task<string> ChecksumAsync(SafeHomeApp app, bool identityToo) => app.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var tables = new List<string>();
            await using (var list = connection.CreateCommand())
            {
                list.CommandText = db.Database.IsNpgsql()
                    ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
                    : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
                await using var reader = await list.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var table in tables.Where(t => !HistoryTables.Contains(t) && (identityToo || !t.StartsWith("AspNet", StringComparison.Ordinal))))
            {
                hash.AppendData(Encoding.UTF8.GetBytes("#" + table));
                await using var select = connection.CreateCommand();
                // PostgreSQL has no rowid: its rows are put in the order of their whole text instead.
                select.CommandText = db.Database.IsNpgsql() ? $"SELECT * FROM \"{table}\" t ORDER BY t::text" : $"SELECT * FROM \"{table}\" ORDER BY rowid";
                await using var rows = await select.ExecuteReaderAsync();
                while (await rows.ReadAsync())
                {
                    hash.AppendData(Encoding.UTF8.GetBytes(RowText(rows)));
                }
            }

            return Convert.ToHexString(hash.GetHashAndReset());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });

    private static string RowText(DbDataReader row)
    {
        var text = new StringBuilder("|");
        for (var i = 0; i < row.FieldCount; i++)
        {
            text.Append(row.IsDBNull(i) ? "\u2400" : Convert.ToString(row.GetValue(i), CultureInfo.InvariantCulture)).Append('|');
        }

        return text.ToString();
    }
}
