using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Conventions;

/// Rules that hold for the whole codebase, so a new page cannot quietly break them (SECURITY.md Z1, I2, I4).
public sealed class SecurityConventionsTests
{
    private static readonly Assembly Web = typeof(SafeHome.Web.Infrastructure.Policies).Assembly;

    [Fact]
    public void No_page_opts_out_of_authorization_by_attribute()
    {
        var optedOut = Web.GetTypes().Where(t => t.GetCustomAttribute<AllowAnonymousAttribute>() is not null || t.GetMethods().Any(m => m.GetCustomAttribute<AllowAnonymousAttribute>() is not null)).ToList();
        Assert.Empty(optedOut);
    }

    [Fact]
    public void Only_the_error_page_skips_antiforgery() =>
        Assert.Equal(["ErrorModel"], Web.GetTypes().Where(t => t.GetCustomAttribute<IgnoreAntiforgeryTokenAttribute>() is not null).Select(t => t.Name));

    [Fact]
    public void No_view_writes_raw_html()
    {
        var pages = Path.Combine(RepositoryRoot(), "src", "SafeHome.Web", "Pages");
        var offenders = Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("Html.Raw", StringComparison.Ordinal) || File.ReadAllText(f).Contains("HtmlString", StringComparison.Ordinal));
        Assert.Empty(offenders);
    }

    [Theory, Providers]
    public async Task A_post_without_its_antiforgery_token_is_rejected_and_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var resident = await app.CreateResidentAsync(counselor.Id, "Untouched Example");

        var response = await browser.PostAsync($"/Residents/Edit/{resident}", new FormUrlEncodedContent([new("Input.PreferredName", "Forged Example")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Untouched Example", await app.WithDbAsync(db => Task.FromResult(db.Residents.Single().PreferredName)));
    }

    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SafeHome.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("SafeHome.sln not found above the test output.");
    }
}
