using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace SafeHome.Web.Infrastructure;

/// Settings for <see cref="SignInThrottle"/> (section "SignIn").
public sealed class SignInThrottleOptions
{
    public const string Section = "SignIn";

    /// Attempts allowed for one email address (whether or not it has an account) per window.
    [Range(1, 100_000)]
    public int PerAccountPermits { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PerAccountWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// Attempts allowed from one client address (an IPv4 address or an IPv6 /64) per window, across all emails.
    [Range(1, 100_000)]
    public int PerAddressPermits { get; set; } = 60;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PerAddressWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// No refused sign-in is answered sooner than this after its check began. A real account's refusal also writes its
    /// failure count and an audit row, which an unknown email does not; the floor covers that difference, so the time
    /// to answer does not say whether an email has an account.
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan RefusalFloor { get; set; } = TimeSpan.FromMilliseconds(400);
}

/// Rate limits every credential check (issue 15, SECURITY.md A5), on top of Identity's lockout: per account, so
/// guessing one password is slow even for an email that has no account (lockout only exists for real accounts), and
/// per client address, so one machine cannot spray a common password over many accounts. It uses the sliding-window
/// limiters ASP.NET Core's rate-limiting middleware is built on, but is called from the handler instead of the
/// middleware: the account is only known once the form is bound (or, on a later sign-in step, once the step's cookie
/// is read), and the middleware decides before either. The decision is taken before the account is looked up and is
/// keyed by the text typed, so it answers the same way for an email that has an account and one that does not.
public sealed class SignInThrottle : IDisposable
{
    public const string Message = "Too many sign-in attempts for this email address or from this network. Wait a few minutes, then try again.";

    private readonly PartitionedRateLimiter<Attempt> _limiter;
    private readonly TimeSpan _longestWindow;
    private readonly TimeSpan _refusalFloor;

    public SignInThrottle(IOptions<SignInThrottleOptions> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = settings.Value;
        _refusalFloor = options.RefusalFloor;
        _longestWindow = options.PerAccountWindow > options.PerAddressWindow ? options.PerAccountWindow : options.PerAddressWindow;
        var perAccount = PartitionedRateLimiter.Create<Attempt, string>(a =>
            RateLimitPartition.GetSlidingWindowLimiter(a.Account, _ => Window(options.PerAccountPermits, options.PerAccountWindow)));
        var perAddress = PartitionedRateLimiter.Create<Attempt, string>(a =>
            RateLimitPartition.GetSlidingWindowLimiter(a.Address, _ => Window(options.PerAddressPermits, options.PerAddressWindow)));
        _limiter = PartitionedRateLimiter.CreateChained(perAccount, perAddress);
    }

    /// Holds a refusal until <see cref="SignInThrottleOptions.RefusalFloor"/> has passed since <paramref name="started"/>
    /// (a <see cref="System.Diagnostics.Stopwatch"/> timestamp). Real time on purpose: it is about what a client measures.
    public async Task HoldRefusalAsync(long started, CancellationToken cancellationToken)
    {
        var remaining = _refusalFloor - System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, cancellationToken);
        }
    }

    /// Takes one attempt from the account's and the client address's allowance. False when either is spent; then
    /// <paramref name="retryAfter"/> says how long to wait. <paramref name="account"/> is the email the person typed
    /// (or, on a later step, the account's email), so every step of one sign-in draws on the same allowance.
    public bool TryAcquire(HttpContext context, string account, out TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var lease = _limiter.AttemptAcquire(new Attempt(AccountKey(account), AddressKey(context.Connection.RemoteIpAddress)));
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : _longestWindow;
        return false;
    }

    /// What a throttled sign-in step answers: the step's own page, 429 with Retry-After and one message for everyone.
    /// 429 rather than the usual failure text, so a colleague who mistyped waits instead of trying more passwords
    /// into the lockout; it gives nothing away, since the decision is made on the typed text before any lookup.
    public static PageResult Refuse(PageModel page, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        page.ModelState.AddModelError(string.Empty, Message);
        var result = page.Page();
        result.StatusCode = StatusCodes.Status429TooManyRequests;
        return result;
    }

    public void Dispose() => _limiter.Dispose();

    private static SlidingWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        SegmentsPerWindow = 5,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    // Normalised like Identity normalises emails, then hashed: what people type into the email box (sometimes a
    // password) is not kept in memory as text.
    private static string AccountKey(string account) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(account.Trim().ToUpperInvariant())));

    // One IPv6 customer usually holds a whole /64, so an address inside it counts as the same client. Behind a
    // reverse proxy this is the proxy's address unless forwarded headers are configured (see README).
    private static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "none";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private readonly record struct Attempt(string Account, string Address);
}
