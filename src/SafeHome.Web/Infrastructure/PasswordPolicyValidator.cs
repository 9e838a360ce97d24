using Microsoft.AspNetCore.Identity;
using SafeHome.Data;
using SafeHome.Domain.Common;

namespace SafeHome.Web.Infrastructure;

/// SECURITY.md A1/A2: length in code points (15 to 128), no composition rules, and no password built from a
/// common password or from words anyone could guess about this account.
public sealed class PasswordPolicyValidator : IPasswordValidator<SafeHomeUser>
{
    public const int MinLength = 15;
    public const int MaxLength = 128;

    // The most common breached passwords and their stems: a password that is one of these once letters and
    // digits are stripped of repetition and padding is refused.
    private static readonly HashSet<string> CommonStems = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passw0rd", "qwerty", "qwertyuiop", "asdfghjkl", "zxcvbnm", "letmein", "welcome", "admin",
        "administrator", "iloveyou", "monkey", "dragon", "football", "baseball", "sunshine", "princess", "abc",
        "abcdef", "abcdefghijklmnop", "trustno", "master", "shadow", "superman", "batman", "starwars", "login",
        "changeme", "secret", "default", "test", "guest", "user", "hello", "freedom", "whatever", "counselor",
        "director", "auditor", "safehome", "safe home", "correcthorsebatterystaple",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<SafeHomeUser> manager, SafeHomeUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var errors = Validate(password ?? string.Empty, user.Email, user.DisplayName).Select(m => new IdentityError { Code = "PasswordPolicy", Description = m });
        var list = errors.ToList();
        return Task.FromResult(list.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. list]));
    }

    public static IEnumerable<string> Validate(string password, string? email, string? displayName)
    {
        var length = Text.CodePointLength(password);
        if (length < MinLength)
        {
            yield return $"Use at least {MinLength} characters; a few unrelated words make a good password.";
            yield break;
        }

        if (length > MaxLength)
        {
            yield return $"Use at most {MaxLength} characters.";
            yield break;
        }

        var letters = new string(password.Where(char.IsLetter).ToArray()).ToLowerInvariant();
        var compact = password.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        // An all-emoji or all-symbol passphrase is fine (no composition rules); few distinct characters is not.
        if (password.Distinct().Count() < 4 || CommonStems.Contains(letters) || CommonStems.Contains(compact)
            || IsRepetition(letters) || IsRepetition(compact) || IsRun(compact))
        {
            yield return "This password is too common or too easy to guess.";
            yield break;
        }

        var context = new List<string> { "safehome" };
        if (!string.IsNullOrWhiteSpace(email))
        {
            var local = email.Split('@')[0].ToLowerInvariant();
            context.Add(local);
            context.Add(new string(local.Where(char.IsLetterOrDigit).ToArray()));
        }

        if (!string.IsNullOrWhiteSpace(displayName))
        {
            var words = displayName.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            context.AddRange(words);
            context.Add(string.Concat(words));
        }

        if (context.Where(w => w.Length >= 4).Any(w => compact.Contains(w, StringComparison.Ordinal) && compact.Length - w.Length < 8))
        {
            yield return "The password is mostly your name, email or the program's name; choose words unrelated to you.";
        }
    }

    // "123456789012345", "9876543210987…", "abcdefghijklmno": counting runs are the top of every breach list.
    private static bool IsRun(string compact)
    {
        const string Digits = "0123456789";
        const string Letters = "abcdefghijklmnopqrstuvwxyz";
        var runs = new[] { Digits, Letters }.SelectMany(r => new[] { r, new string(r.Reverse().ToArray()) })
            .Select(r => string.Concat(Enumerable.Repeat(r, (MaxLength / r.Length) + 2)));
        return runs.Any(r => r.Contains(compact, StringComparison.Ordinal));
    }

    private static bool IsRepetition(string letters)
    {
        for (var size = 1; size <= letters.Length / 2; size++)
        {
            if (letters.Length % size == 0 && string.Concat(Enumerable.Repeat(letters[..size], letters.Length / size)) == letters)
            {
                return true;
            }
        }

        return false;
    }
}
