using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Pages.Account;

namespace SafeHome.IntegrationTests.Security;

/// Issue 15 item 4: sign-in does the same work whether or not the email has an account (counted, not timed; the
/// benchmark SignInBenchmarks compares the medians), and is rate limited per account and per client address.
public sealed class SignInHardeningTests
{
    private const string WrongPassword = "wrong password but long enough";

    [Fact]
    public async Task Every_refusal_runs_the_password_hasher_exactly_once_like_a_wrong_password()
    {
        var hasher = new CountingHasher();
        await using var app = await StartAsync(hasher);
        var member = await app.CreateStaffAsync(Roles.Counselor);
        var inactive = await app.CreateStaffAsync(Roles.Counselor);
        await DeactivateAsync(app, inactive);
        var attempts = new List<(string What, string Email, string Password)>
        {
            ("unknown email", "nobody@example.invalid", SafeHomeApp.Password),
            ("unknown email, differently cased", "NoBody.Else@Example.invalid", WrongPassword),
            ("deactivated account, right password", inactive.Email, SafeHomeApp.Password),
        };
        attempts.AddRange(Enumerable.Range(1, 5).Select(i => ($"wrong password {i}", member.Email, WrongPassword)));
        attempts.Add(("locked account, right password", member.Email, SafeHomeApp.Password));
        var counts = new List<string>();

        foreach (var (what, email, password) in attempts)
        {
            hasher.Reset();
            var response = await app.CreateBrowser().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            counts.Add($"{what}: {hasher.Verifications} verification(s), {hasher.Hashes} hash(es)");
        }

        Assert.All(counts, c => Assert.EndsWith(": 1 verification(s), 0 hash(es)", c, StringComparison.Ordinal));

        // A successful sign-in (another account) checks exactly one hash too: the baseline the refusals match.
        var other = await app.CreateStaffAsync(Roles.Counselor);
        hasher.Reset();
        (await app.CreateBrowser().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = other.Email, ["Input.Password"] = SafeHomeApp.Password })).AssertRedirectTo("/");
        Assert.Equal(1, hasher.Verifications);
    }

    [Theory, Providers]
    public async Task The_dummy_hash_has_the_format_and_cost_the_apps_hasher_writes_today(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        await using var scope = app.Services.CreateAsyncScope();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<SafeHomeUser>>();

        var fresh = Convert.FromBase64String(hasher.HashPassword(new SafeHomeUser(), "any password at all here"));
        var dummy = Convert.FromBase64String(DummyPassword.Hash);

        // Format marker, PRF and iteration count (the first 9 bytes), salt length, and overall length all match.
        Assert.Equal(fresh[..13], dummy[..13]);
        Assert.Equal(fresh.Length, dummy.Length);
        Assert.Equal(PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(new SafeHomeUser(), DummyPassword.Hash, SafeHomeApp.Password));
    }

    [Fact]
    public async Task The_per_account_limit_answers_the_same_for_an_email_with_and_without_an_account()
    {
        var hasher = new CountingHasher();
        await using var app = await StartAsync(hasher, ("SignIn:PerAccountPermits", "3"), ("SignIn:PerAddressPermits", "1000"));
        var member = await app.CreateStaffAsync(Roles.Counselor);
        var answers = new Dictionary<string, List<string>>();

        foreach (var email in new[] { member.Email, "nobody@example.invalid" })
        {
            answers[email] = [];
            for (var attempt = 1; attempt <= 4; attempt++)
            {
                hasher.Reset();
                var response = await app.CreateBrowser().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = WrongPassword });
                var message = (await HtmlForms.ParseAsync(response)).QuerySelector(".validation-summary-errors")?.TextContent.Trim();
                answers[email].Add($"{(int)response.StatusCode} {message} retry-after:{response.Headers.RetryAfter is not null} hashed:{hasher.Verifications}");
            }
        }

        Assert.Equal(answers[member.Email], answers["nobody@example.invalid"]);
        var last = answers[member.Email][^1];
        Assert.StartsWith("429 ", last, StringComparison.Ordinal);
        Assert.Contains(LoginModel.Throttled, System.Net.WebUtility.HtmlDecode(last), StringComparison.Ordinal);
        Assert.EndsWith("retry-after:True hashed:0", last, StringComparison.Ordinal);
        Assert.All(answers[member.Email].Take(3), a => Assert.StartsWith("200 ", a, StringComparison.Ordinal));

        // Throttled attempts are not password checks: they do not count toward the lockout either.
        Assert.Equal(3, await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.AccessFailedCount).SingleAsync()));

        // The right password is refused while the account's allowance is spent, from any browser.
        var right = await app.CreateBrowser().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = SafeHomeApp.Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Null(right.Headers.Location);
    }

    [Fact]
    public async Task The_per_address_limit_stops_one_client_trying_many_accounts()
    {
        await using var app = await StartAsync(null, ("SignIn:PerAccountPermits", "1000"), ("SignIn:PerAddressPermits", "4"));
        var member = await app.CreateStaffAsync(Roles.Counselor);
        var statuses = new List<int>();

        for (var i = 0; i < 4; i++)
        {
            var response = await app.CreateBrowser().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = $"spray{i}@example.invalid", ["Input.Password"] = WrongPassword });
            statuses.Add((int)response.StatusCode);
        }

        var fifth = await app.CreateBrowser().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = SafeHomeApp.Password });

        Assert.Equal([200, 200, 200, 200], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
    }

    private static async Task<SafeHomeApp> StartAsync(CountingHasher? hasher, params (string Key, string Value)[] settings)
    {
        var app = new SafeHomeApp
        {
            ConfigureTestServices = services =>
            {
                if (hasher is not null)
                {
                    services.RemoveAll<IPasswordHasher<SafeHomeUser>>();
                    services.AddSingleton<IPasswordHasher<SafeHomeUser>>(hasher);
                }
            },
        };
        foreach (var (key, value) in settings)
        {
            app.Settings[key] = value;
        }

        await app.InitializeAsync();
        return app;
    }

    private static async Task DeactivateAsync(SafeHomeApp app, StaffMember member)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<SafeHomeUser>>().FindByIdAsync(member.Id);
        Assert.True((await scope.ServiceProvider.GetRequiredService<StaffAccounts>().SetActiveAsync(user!, active: false)).Succeeded);
    }

    /// Identity's own hasher, counting what it is asked to do.
    private sealed class CountingHasher : IPasswordHasher<SafeHomeUser>
    {
        private readonly PasswordHasher<SafeHomeUser> _inner = new();
        private int _hashes;
        private int _verifications;

        public int Hashes => _hashes;

        public int Verifications => _verifications;

        public void Reset()
        {
            Interlocked.Exchange(ref _hashes, 0);
            Interlocked.Exchange(ref _verifications, 0);
        }

        public string HashPassword(SafeHomeUser user, string password)
        {
            Interlocked.Increment(ref _hashes);
            return _inner.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(SafeHomeUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
