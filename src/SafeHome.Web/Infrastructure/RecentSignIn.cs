using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace SafeHome.Web.Infrastructure;

/// SECURITY.md Z7: sensitive actions need the person's password within the last five minutes, so a session left open
/// on an unattended screen cannot hand out roles, password links or extracts. The moment is kept in the auth cookie's
/// properties, beside the sign-in time, and is never extended by activity.
public static class RecentSignIn
{
    public const string ConfirmedAtKey = "safehome.confirmed_at";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// The later of the sign-in and the last password confirmation, or null when neither is known.
    public static DateTimeOffset? LastProvedAt(AuthenticationProperties? properties)
    {
        if (properties is null)
        {
            return null;
        }

        DateTimeOffset? latest = null;
        foreach (var key in new[] { SafeHomeSignInManager.SignedInAtKey, ConfirmedAtKey })
        {
            if (properties.Items.TryGetValue(key, out var value) && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
            {
                var at = DateTimeOffset.FromUnixTimeSeconds(seconds);
                latest = latest is null || at > latest ? at : latest;
            }
        }

        return latest;
    }

    public static bool IsRecent(AuthenticationProperties? properties, DateTimeOffset now) =>
        LastProvedAt(properties) is { } at && now - at <= Window && at <= now + TimeSpan.FromMinutes(1);

    public static void MarkConfirmed(AuthenticationProperties properties, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(properties);
        properties.Items[ConfirmedAtKey] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }
}

/// Marks a page handler that runs only within <see cref="RecentSignIn.Window"/> of the person's last password entry;
/// otherwise <see cref="RecentSignInFilter"/> sends them to confirm it and back. Razor Pages ignores filter attributes on
/// handler methods, so this is only a marker the global filter reads.
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresRecentSignInAttribute : Attribute
{
    /// Where to come back to after confirming, for a POST whose own page is not the one the form was on (e.g.
    /// regenerating a report from the run page). Route and query values of the request, except the handler, are kept.
    public string? ReturnPage { get; init; }
}

public sealed class RecentSignInFilter(TimeProvider clock, LinkGenerator links) : IAsyncPageFilter
{
    // Read once per handler: reading an attribute builds new reflection objects on every call, on every request.
    private static readonly ConcurrentDictionary<MethodInfo, RequiresRecentSignInAttribute?> Markers = new();

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var marker = context.HandlerMethod is { } handler
            ? Markers.GetOrAdd(handler.MethodInfo, static m => m.GetCustomAttribute<RequiresRecentSignInAttribute>())
            : null;
        if (marker is null)
        {
            await next();
            return;
        }

        var http = context.HttpContext;
        var properties = http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties;
        if (RecentSignIn.IsRecent(properties, clock.GetUtcNow()))
        {
            await next();
            return;
        }

        context.Result = new RedirectToPageResult("/Account/Confirm", new { returnUrl = ReturnUrl(context, marker) });
    }

    private string ReturnUrl(PageHandlerExecutingContext context, RequiresRecentSignInAttribute marker)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) && marker.ReturnPage is null)
        {
            return request.PathBase + request.Path + request.QueryString;
        }

        // A POST cannot be replayed by a redirect: come back to the page the form is on, and submit it again.
        var values = new RouteValueDictionary();
        foreach (var (key, value) in context.RouteData.Values)
        {
            if (key is not ("page" or "handler"))
            {
                values[key] = value;
            }
        }

        foreach (var (key, value) in request.Query)
        {
            if (!string.Equals(key, "handler", StringComparison.OrdinalIgnoreCase))
            {
                values[key] = value.ToString();
            }
        }

        var page = marker.ReturnPage ?? context.ActionDescriptor.ViewEnginePath;
        return links.GetPathByPage(page, handler: null, values, request.PathBase) ?? "/";
    }
}
