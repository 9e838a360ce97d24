using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Security;

/// Issue 17 item 2, tried as an attacker would (SECURITY.md's catalogue: X-Forwarded-For / Host spoofing): forwarded
/// headers change what the app believes about the client only when the connection comes from a configured proxy.
/// The test server has no sockets, so each request names the address it comes from (the TCP peer) in a test header.
public sealed class ProxyTests
{
    private const string Proxy = "10.0.0.5";
    private const string PublicHost = "safehome.example.org";

    [Fact]
    public async Task Behind_the_configured_proxy_links_are_https_at_the_public_host()
    {
        await using var app = await StartAsync(Proxy);
        using var client = Client(app, Proxy, ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", PublicHost), ("X-Forwarded-For", "203.0.113.7"));

        var response = await client.GetAsync("/Residents");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"https://{PublicHost}/Account/Login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Proxy, "198.51.100.4", "a sender that is not the proxy")]
    [InlineData(Proxy, "127.0.0.1", "loopback, when another proxy is listed (ASP.NET Core's default would trust it)")]
    [InlineData(null, "127.0.0.1", "loopback, when no proxy is listed")]
    [InlineData(null, "198.51.100.4", "anyone, when no proxy is listed (an empty list would otherwise trust every sender)")]
    public async Task Forwarded_headers_from_anyone_else_change_nothing(string? configuredProxy, string sender, string who)
    {
        await using var app = await StartAsync(configuredProxy);
        using var client = Client(app, sender, ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", PublicHost), ("X-Forwarded-For", "203.0.113.7"));

        var response = await client.GetAsync("/Residents");

        Assert.True(response.Headers.Location?.OriginalString.StartsWith("http://localhost/Account/Login", StringComparison.Ordinal), $"{who}: {response.Headers.Location}");
    }

    [Fact]
    public async Task A_host_the_site_does_not_serve_is_not_taken_even_from_the_proxy()
    {
        await using var app = await StartAsync(Proxy);
        using var client = Client(app, Proxy, ("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "phish.example.net"));

        var response = await client.GetAsync("/Residents");

        Assert.DoesNotContain("phish.example.net", response.Headers.Location?.OriginalString ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_throttle_counts_the_client_behind_the_proxy_and_the_sender_otherwise()
    {
        await using var app = await StartAsync(Proxy, ("SignIn:PerAddressPermits", "2"), ("SignIn:PerAccountPermits", "1000"), ("SignIn:RefusalFloor", "00:00:00"));

        // Two clients behind the proxy: one spends its allowance, the other still has its own.
        Assert.Equal([200, 200, 429], await AttemptsAsync(app, Proxy, ["203.0.113.7", "203.0.113.7", "203.0.113.7"]));
        Assert.Equal([200], await AttemptsAsync(app, Proxy, ["203.0.113.8"]));

        // A sender that is not the proxy cannot buy fresh allowances by naming a new client each time.
        Assert.Equal([200, 200, 429], await AttemptsAsync(app, "198.51.100.4", ["203.0.113.20", "203.0.113.21", "203.0.113.22"]));
    }

    private static async Task<List<int>> AttemptsAsync(SafeHomeApp app, string sender, string[] forwardedFor)
    {
        var statuses = new List<int>();
        foreach (var client in forwardedFor)
        {
            // https, so the antiforgery cookie (Secure) goes back with the form.
            using var browser = Client(app, sender, new Uri("https://localhost"), ("X-Forwarded-For", client));
            var response = await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = $"nobody.{Guid.NewGuid():N}@example.invalid", ["Input.Password"] = "wrong password for nobody 1" });
            statuses.Add((int)response.StatusCode);
        }

        return statuses;
    }

    private static async Task<SafeHomeApp> StartAsync(string? proxy, params (string Key, string Value)[] settings)
    {
        var app = new SafeHomeApp { ConfigureTestServices = services => services.AddSingleton<IStartupFilter>(new PeerFromTestHeader()) };
        app.Settings["AllowedHosts"] = $"localhost;{PublicHost}";
        if (proxy is not null)
        {
            app.Settings["Proxy:KnownProxies:0"] = proxy;
        }

        foreach (var (key, value) in settings)
        {
            app.Settings[key] = value;
        }

        await app.InitializeAsync();
        return app;
    }

    private static HttpClient Client(SafeHomeApp app, string sender, params (string Name, string Value)[] headers) =>
        Client(app, sender, new Uri("http://localhost"), headers);

    private static HttpClient Client(SafeHomeApp app, string sender, Uri baseAddress, params (string Name, string Value)[] headers) =>
        app.CreateDefaultClient(baseAddress, new HeadersHandler([("X-Test-Peer", sender), .. headers]), new CookieContainerHandler());

    private sealed class HeadersHandler((string Name, string Value)[] headers) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    /// Sets the connection's remote address as a socket would, before anything of the app runs.
    private sealed class PeerFromTestHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Peer", out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
