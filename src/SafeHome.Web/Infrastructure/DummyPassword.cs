using Microsoft.AspNetCore.Identity;
using SafeHome.Data;

namespace SafeHome.Web.Infrastructure;

/// Checks a password against a fixed hash that belongs to no account, with the app's own hasher, so refusing an
/// email that has no account (or a locked or deactivated one, which Identity refuses before hashing) costs the same
/// work as refusing a wrong password (issue 15: no account enumeration by timing).
public sealed class DummyPassword(IPasswordHasher<SafeHomeUser> hasher)
{
    /// Identity's version-3 format (PBKDF2-HMAC-SHA512, 100,000 iterations, 16-byte salt) of a random password
    /// nobody knows. Kept fixed rather than made at start-up so the first refusal does not do extra work; a test
    /// checks that the app's hasher still writes this format and iteration count.
    public const string Hash = "AQAAAAIAAYagAAAAEPhfB0uxQYBj7GzLn2upi3PgS5TBSVTm6CxgwLPyONfBZsGxxZ/rf1m8Rbl61ZIwSg==";

    private static readonly SafeHomeUser Nobody = new();

    public void Verify(string password) => _ = hasher.VerifyHashedPassword(Nobody, Hash, password);
}
