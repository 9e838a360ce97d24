using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using SafeHome.Data;
using SafeHome.Domain.Staff;

namespace SafeHome.Web.Infrastructure;

/// The session's end as the pages see it (issue 18): a form that arrives after the session ended is kept for the
/// person who typed it, the page's script is told when the session will end, and only the autosave leaves the
/// session's idle clock alone.
public static class SignedOutForms
{
    /// The autosave address; its posts are not activity (a page left open must still time out).
    public const string AutosavePath = "/Drafts";

    public const string KeptQuery = "kept";

    private static readonly string[] NeverKept = ["/Account", AutosavePath, "/hangfire"];

    /// Every request except an autosave moves the idle deadline to now + the idle timeout, so the deadline a page is
    /// given (<see cref="SecondsLeftAsync"/>) is the one the server keeps. The framework's default renews only once
    /// half the time is gone, which would end a session up to half a timeout before a page expects it.
    public static Task CheckSlidingExpiration(CookieSlidingExpirationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ShouldRenew = !IsAutosave(context.Request);
        return Task.CompletedTask;
    }

    public static bool IsAutosave(HttpRequest request) =>
        request.Path.StartsWithSegments(AutosavePath, StringComparison.OrdinalIgnoreCase) && HttpMethods.IsPost(request.Method);

    /// The challenge of a request without a live session: a script's request gets 401 (it cannot follow a sign-in
    /// page); a form posted after the person's session ended is kept for them and they are sent to sign in, to come
    /// back to the page and find their typing in it.
    public static async Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (string.Equals(http.Request.Headers.XRequestedWith, "XMLHttpRequest", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var page = await KeepAsync(http, context.Options);
        if (page is null)
        {
            context.Response.Redirect(context.RedirectUri);
            return;
        }

        var query = QueryString.Create([KeyValuePair.Create("ReturnUrl", (string?)(http.Request.PathBase + page)), KeyValuePair.Create(KeptQuery, (string?)"1")]);
        context.Response.Redirect(http.Request.PathBase + context.Options.LoginPath + query);
    }

    /// Keeps the posted form as the person's draft of its page; the page, or null when nothing was kept. Only a form
    /// from a session that ended by time alone is kept: the expired cookie must still open (it is the server's own
    /// sealed ticket), its account must be active with the same security stamp (so a session ended by signing out, a
    /// password reset or a role change keeps nothing), and the form's antiforgery token must be the one issued to that
    /// person (so no other site can plant text in someone's form).
    private static async Task<string?> KeepAsync(HttpContext http, CookieAuthenticationOptions options)
    {
        var request = http.Request;
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType
            || NeverKept.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            || FormDrafts.PageOf(request.Path, request.QueryString) is not { } page
            || options.Cookie.Name is not { } name
            || options.CookieManager.GetRequestCookie(http, name) is not { Length: > 0 } cookie
            || options.TicketDataFormat.Unprotect(cookie) is not { Principal: { } principal } ticket
            || principal.UserId() is not { } userId)
        {
            return null;
        }

        var services = http.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var lifetime = services.GetRequiredService<FormDrafts>().Lifetime;
        if (ticket.Properties.ExpiresUtc is not { } expires || expires < now - lifetime)
        {
            return null;
        }

        var signIn = (SafeHomeSignInManager)services.GetRequiredService<SignInManager<SafeHomeUser>>();
        if (!await signIn.IsSessionCurrentAsync(principal) || !await IsTheirFormAsync(http, principal))
        {
            return null;
        }

        var form = await request.ReadFormAsync(http.RequestAborted);
        return await services.GetRequiredService<FormDrafts>().KeepAsync(userId, page, form, DraftOrigin.SignedOut) ? page : null;
    }

    // Antiforgery checks the form's token against the person it was issued to: the one of the ended session here.
    private static async Task<bool> IsTheirFormAsync(HttpContext http, System.Security.Claims.ClaimsPrincipal principal)
    {
        var anonymous = http.User;
        http.User = principal;
        try
        {
            return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);
        }
        finally
        {
            http.User = anonymous;
        }
    }

    /// Seconds until this session ends if nothing else happens: the idle deadline this request has just moved, or
    /// the absolute lifetime, whichever comes first. Null without a session.
    public static async Task<int?> SecondsLeftAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var result = await http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!result.Succeeded || result.Properties is null)
        {
            return null;
        }

        var session = http.RequestServices.GetRequiredService<SessionOptions>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var left = session.IdleTimeout;
        if (result.Properties.Items.TryGetValue(SafeHomeSignInManager.SignedInAtKey, out var value)
            && long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            var absolute = DateTimeOffset.FromUnixTimeSeconds(seconds) + session.AbsoluteLifetime - now;
            left = absolute < left ? absolute : left;
        }

        return (int)Math.Max(0, Math.Floor(left.TotalSeconds));
    }
}
