namespace SafeHome.Web.Infrastructure;

/// SECURITY.md A3: a session that has not proved a second factor reaches only the enrolment page and sign-out. An
/// enrolled account never gets such a session (its password alone leads to the code step, without a session cookie);
/// an account without an authenticator yet gets one that is good for enrolling and nothing else.
public static class MfaEnrolment
{
    /// The claim Identity puts on a session signed in with a second factor; enrolment adds it too, since proving the
    /// new authenticator is that second factor.
    public const string ClaimType = "amr";
    public const string ClaimValue = "mfa";
    public const string EnrolPath = "/Account/EnableAuthenticator";

    private static readonly string[] Allowed = [EnrolPath, "/Account/Logout", "/Error"];

    public static IApplicationBuilder UseMfaEnrolment(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var user = context.User;
            if (user.Identity?.IsAuthenticated == true
                && !user.HasClaim(ClaimType, ClaimValue)
                && !Allowed.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.Redirect(EnrolPath);
                return;
            }

            await next(context);
        });
}
