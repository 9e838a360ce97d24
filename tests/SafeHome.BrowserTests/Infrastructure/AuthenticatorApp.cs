namespace SafeHome.BrowserTests.Infrastructure;

/// A person's authenticator app holding the key they read off the enrolment page. A code works once, so a second
/// sign-in within the same 30 s takes the next step's code, which the server's window allows.
public sealed class AuthenticatorApp(string base32Key)
{
    private readonly OtpNet.Totp _totp = new(OtpNet.Base32Encoding.ToBytes(base32Key.Replace(" ", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant()));
    private long _lastStep;

    public string NextCode()
    {
        var step = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30, _lastStep + 1);
        _lastStep = step;
        return _totp.ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(step * 30).UtcDateTime);
    }
}
