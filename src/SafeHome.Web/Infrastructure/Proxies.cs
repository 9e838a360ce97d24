using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SafeHome.Web.Infrastructure;

/// The reverse proxies (load balancer, TLS terminator) whose X-Forwarded-* headers SafeHome believes (section "Proxy").
public sealed class ProxyOptions
{
    public const string Section = "Proxy";

    /// Addresses of the proxies, e.g. "10.0.0.5" or "::1". Empty: no forwarded header is believed.
    public List<string> KnownProxies { get; set; } = [];

    /// Networks of the proxies in CIDR form, e.g. "10.0.0.0/24".
    public List<string> KnownNetworks { get; set; } = [];
}

/// Behind a TLS-terminating proxy the app sees http and the proxy's address. X-Forwarded-Proto, -Host and -For carry
/// the client's, but anyone can send them, so they are honoured only when the connection comes from a configured
/// proxy (ASP.NET Core's defaults also trust loopback; SafeHome trusts nothing it was not told to). Then links built
/// from the request are https:// at the public host, and the sign-in throttle counts the real client, not the proxy;
/// from anyone else the headers are ignored and the throttle counts the sender. A forwarded host must be one of
/// AllowedHosts, so a forged one cannot steer links elsewhere.
public static class Proxies
{
    public static IServiceCollection AddSafeHomeProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var proxy = configuration.GetSection(ProxyOptions.Section).Get<ProxyOptions>() ?? new ProxyOptions();
        var proxies = proxy.KnownProxies.Select(a => IPAddress.TryParse(a.Trim(), out var address) ? address : throw Invalid("Proxy:KnownProxies", a, "an IP address")).ToList();
        var networks = proxy.KnownNetworks.Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network) ? network : throw Invalid("Proxy:KnownNetworks", n, "a network in CIDR form (10.0.0.0/24)")).ToList();
        var hosts = (configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // With both lists empty the middleware would believe every sender, so no proxy listed means no header read.
            o.ForwardedHeaders = proxies.Count + networks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
            o.AllowedHosts = hosts.Contains("*") ? [] : hosts;
        });
        return services;
    }

    private static InvalidOperationException Invalid(string setting, string text, string what) =>
        new($"{setting}: \"{text}\" is not {what}.");
}
