using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SafeHome.Web.Infrastructure;

namespace SafeHome.UnitTests.Infrastructure;

public sealed class SignInThrottleTests
{
    private static SignInThrottle Throttle(int perAccount, int perAddress) => new(Options.Create(new SignInThrottleOptions
    {
        PerAccountPermits = perAccount,
        PerAddressPermits = perAddress,
        PerAccountWindow = TimeSpan.FromMinutes(15),
        PerAddressWindow = TimeSpan.FromMinutes(15),
    }));

    private static DefaultHttpContext From(string address) => new() { Connection = { RemoteIpAddress = IPAddress.Parse(address) } };

    [Fact]
    public void One_account_is_limited_across_client_addresses_and_however_the_email_is_typed()
    {
        using var throttle = Throttle(perAccount: 3, perAddress: 100);

        Assert.True(throttle.TryAcquire(From("192.0.2.1"), "kit.example@example.org", out _));
        Assert.True(throttle.TryAcquire(From("192.0.2.2"), " KIT.Example@example.org ", out _));
        Assert.True(throttle.TryAcquire(From("198.51.100.7"), "kit.example@EXAMPLE.org", out _));
        Assert.False(throttle.TryAcquire(From("203.0.113.9"), "kit.example@example.org", out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        Assert.True(throttle.TryAcquire(From("203.0.113.9"), "someone.else@example.org", out _));
    }

    [Fact]
    public void One_client_address_is_limited_across_accounts()
    {
        using var throttle = Throttle(perAccount: 100, perAddress: 3);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(throttle.TryAcquire(From("192.0.2.1"), $"spray{i}@example.org", out _));
        }

        Assert.False(throttle.TryAcquire(From("192.0.2.1"), "spray9@example.org", out _));
        Assert.False(throttle.TryAcquire(From("::ffff:192.0.2.1"), "spray10@example.org", out _));
        Assert.True(throttle.TryAcquire(From("192.0.2.2"), "spray9@example.org", out _));
    }

    [Fact]
    public void Addresses_in_one_ipv6_slash_64_count_as_one_client()
    {
        using var throttle = Throttle(perAccount: 100, perAddress: 2);

        Assert.True(throttle.TryAcquire(From("2001:db8:1:2::1"), "a@example.org", out _));
        Assert.True(throttle.TryAcquire(From("2001:db8:1:2:ffff::9"), "b@example.org", out _));
        Assert.False(throttle.TryAcquire(From("2001:db8:1:2:abcd::1"), "c@example.org", out _));
        Assert.True(throttle.TryAcquire(From("2001:db8:1:3::1"), "c@example.org", out _));
    }
}
