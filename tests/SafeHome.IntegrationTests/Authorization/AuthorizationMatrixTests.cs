using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Authorization;

/// SECURITY.md Z1/Z2: every page handler, for every role and for anonymous users, against the checked-in matrix.
public sealed class AuthorizationMatrixTests
{
    private static readonly string[] Columns = ["anonymous", Roles.Admin, Roles.ProgramDirector, Roles.Counselor, Roles.Auditor];

    public static TheoryData<string> Rows()
    {
        var data = new TheoryData<string>();
        foreach (var row in MatrixRow.Load())
        {
            data.Add(row.Key);
        }

        return data;
    }

    [Theory, Providers]
    public async Task Every_page_handler_has_exactly_one_row_and_every_row_has_a_handler(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);

        var endpoints = (await PageHandlers.DiscoverAsync(app.Services)).Select(h => h.Key).ToHashSet();
        var rows = MatrixRow.Load().Select(r => r.Key).ToList();

        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Empty(endpoints.Except(rows));
        Assert.Empty(rows.Except(endpoints));
    }

    [Theory]
    [ProviderMemberData(nameof(Rows))]
    public async Task Each_role_gets_what_the_matrix_says(string key, DatabaseProvider provider)
    {
        var row = MatrixRow.Load().Single(r => r.Key == key);
        await using var app = await SafeHomeApp.StartAsync(provider);
        var handler = (await PageHandlers.DiscoverAsync(app.Services)).Single(h => h.Key == key);

        // Admin runs last: its allowed writes (deactivating the counselor) must not disturb the other roles' checks.
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var planId = await app.CreatePlanAsync(residentId, Domain.Plans.PlanStatus.Draft, counselor.Id);
        var noteId = await app.CreateNoteAsync(residentId, counselor.Id);
        var episodeId = await app.CreateEpisodeAsync(residentId);
        var url = handler.Url(residentId, new RouteIds(planId, noteId, episodeId), counselor.Id);
        var failures = new List<string>();
        foreach (var column in new[] { "anonymous", Roles.Auditor, Roles.Counselor, Roles.ProgramDirector, Roles.Admin })
        {
            var browser = column switch
            {
                "anonymous" => app.CreateBrowser(),
                Roles.Counselor => await app.SignInAsync(counselor),
                _ => (await app.SignInNewAsync(column)).Browser,
            };
            var response = await handler.SendAsync(browser, url, column == "anonymous" ? "/Account/Login" : "/Error");
            var actual = Outcome(response);
            var expected = row.Expected[Array.IndexOf(Columns, column)];
            if (actual != expected)
            {
                failures.Add($"{column}: expected {expected}, got {actual} ({(int)response.StatusCode} {response.Location()})");
            }
        }

        Assert.True(failures.Count == 0, $"{key}: {string.Join("; ", failures)}");
    }

    private static string Outcome(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK => "ok",
        HttpStatusCode.Redirect when response.Location().Contains("/Account/Login?ReturnUrl", StringComparison.OrdinalIgnoreCase) => "login",
        HttpStatusCode.Redirect => "ok",
        HttpStatusCode.Forbidden => "forbidden",
        HttpStatusCode.NotFound => "notfound",
        var other => $"status {(int)other}",
    };
}

internal sealed record MatrixRow(string Key, string[] Expected)
{
    public static IReadOnlyList<MatrixRow> Load() =>
        // One file per feature area (matrix.csv, matrix-plans-*.csv …), read together as one matrix.
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Authorization"), "matrix*.csv")
            .SelectMany(File.ReadAllLines)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(','))
            .Select(cells => new MatrixRow($"{cells[0]} {cells[1]} {cells[2]}".TrimEnd(), cells[3..]))
            .ToList();
}

internal sealed record RouteIds(Guid PlanId, Guid NoteId, Guid EpisodeId);

internal sealed record PageHandler(string Page, string Method, string? Handler, string RouteTemplate)
{
    public string Key => $"{Page} {Method} {Handler}".TrimEnd();

    /// Route ids: plan pages take a draft plan of the counselor's resident, note pages a draft note the counselor
    /// wrote for that resident, missing-episode pages an open episode of that resident, other case pages the
    /// resident itself, staff pages the counselor's account.
    public string Url(Guid residentId, RouteIds ids, string counselorUserId)
    {
        var id = Page.StartsWith("/Plans/", StringComparison.Ordinal) ? ids.PlanId
            : Page.StartsWith("/Notes/", StringComparison.Ordinal) ? ids.NoteId
            : Page.StartsWith("/Missing/", StringComparison.Ordinal) ? ids.EpisodeId
            : residentId;
        var path = "/" + RouteTemplate
            .Replace("{residentId:guid}", residentId.ToString(), StringComparison.Ordinal)
            .Replace("{id:guid}", id.ToString(), StringComparison.Ordinal)
            .Replace("{id}", counselorUserId, StringComparison.Ordinal);
        return Handler is null ? path : $"{path}?handler={Handler}";
    }

    /// GETs plainly; POSTs an empty form that carries a valid antiforgery token for this user, taken from a page the
    /// user can open, so the answer shows authorization, not a missing token.
    public async Task<HttpResponseMessage> SendAsync(HttpClient browser, string url, string tokenPage)
    {
        if (Method == "GET")
        {
            return await browser.GetAsync(url);
        }

        var token = await browser.AntiforgeryTokenAsync(tokenPage == "/Error" ? "/Account/Login" : tokenPage);
        return await browser.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
    }
}

internal static class PageHandlers
{
    /// A counselor with one resident, a draft plan, a draft note and a returned missing episode: the records every
    /// case page's route ids name, for the tests that open every page.
    public static async Task<(StaffMember Counselor, Guid ResidentId, RouteIds Ids)> SeedCaseAsync(SafeHomeApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var ids = new RouteIds(
            await app.CreatePlanAsync(residentId, Domain.Plans.PlanStatus.Draft, counselor.Id),
            await app.CreateNoteAsync(residentId, counselor.Id),
            await app.CreateEpisodeAsync(residentId, returned: true));
        return (counselor, residentId, ids);
    }

    /// Every page's plain GET, as (page, address) on those records.
    public static async Task<List<(string Page, string Url)>> PagesAsync(SafeHomeApp app, StaffMember counselor, Guid residentId, RouteIds ids)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(counselor);
        return [.. (await DiscoverAsync(app.Services)).Where(h => h is { Method: "GET", Handler: null }).Select(h => (h.Page, h.Url(residentId, ids, counselor.Id)))];
    }

    public static async Task<IReadOnlyList<PageHandler>> DiscoverAsync(IServiceProvider services)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var handlers = new List<PageHandler>();
        var pages = services.GetServices<EndpointDataSource>()
            .SelectMany(s => s.Endpoints)
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>())
            .OfType<PageActionDescriptor>()
            .GroupBy(p => p.ViewEnginePath)
            .Select(g => g.OrderByDescending(p => p.AttributeRouteInfo?.Template?.Length ?? 0).First());
        foreach (var page in pages)
        {
            var compiled = await loader.LoadAsync(page, EndpointMetadataCollection.Empty);
            var template = page.AttributeRouteInfo?.Template ?? page.ViewEnginePath.TrimStart('/');
            var methods = compiled.HandlerMethods.Count == 0
                ? [new PageHandler(page.ViewEnginePath, "GET", null, template)]
                : compiled.HandlerMethods.Select(h => new PageHandler(page.ViewEnginePath, h.HttpMethod.ToUpperInvariant(), h.Name, template));
            handlers.AddRange(methods);
        }

        return handlers.DistinctBy(h => h.Key).ToList();
    }
}
