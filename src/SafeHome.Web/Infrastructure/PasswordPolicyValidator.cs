using Microsoft.AspNetCore.Identity;
using SafeHome.Data;
using Microsoft.Extensions.Options;
using SafeHome.Domain.Common;
using SafeHome.Web.Pages.Reports;

namespace SafeHome.Web.Infrastructure;

/// SECURITY.md A1/A2: length in code points (15 to 128), no composition rules, and no password built from a
/// common password or from words anyone could guess about this account.
public sealed class PasswordPolicyValidator(IOptions<ReportsOptions> reports) : IPasswordValidator<SafeHomeUser>
{
    public const int MinLength = 15;
    public const int MaxLength = 128;

    /// What must be left, in characters other than spaces and keyboard punctuation, once every context word is taken
    /// out of a password that contains one; "safehome-program" leaves nothing.
    public const int MinRemainder = 8;

    public PasswordPolicyValidator()
        : this(Options.Create(new ReportsOptions()))
    {
    }

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
        var errors = Validate(password ?? string.Empty, user.Email, user.DisplayName, reports.Value.ProgramName, user.UserName)
            .Select(m => new IdentityError { Code = "PasswordPolicy", Description = m });
        var list = errors.ToList();
        return Task.FromResult(list.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. list]));
    }

    /// The one password check: Identity runs it (through <see cref="ValidateAsync"/>) wherever a password is set, so
    /// create-user, the setup page, password links and the admin pages all refuse the same passwords.
    public static IEnumerable<string> Validate(string password, string? email, string? displayName, string? programName = null, string? userName = null)
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

        var remainder = Significant(password);
        var found = false;
        foreach (var word in ContextWords(email, displayName, programName, userName))
        {
            found |= remainder.Contains(word, StringComparison.Ordinal);
            remainder = remainder.Replace(word, string.Empty, StringComparison.Ordinal);
        }

        // What is left beside the context words must be a password on its own: long enough and not itself common.
        var remainingLetters = new string(remainder.Where(char.IsLetter).ToArray());
        if (found && (Text.CodePointLength(remainder) < MinRemainder || CommonStems.Contains(remainder) || CommonStems.Contains(remainingLetters)
            || IsRepetition(remainder) || IsRun(remainder)))
        {
            yield return "The password is mostly your name, email or the program's name; choose words unrelated to you.";
        }
    }

    // Lower case without spaces and keyboard punctuation ("safehome-program!" and "Safe Home Program" read the same);
    // letters, digits and anything else (emoji) count.
    private static string Significant(string text) =>
        new(text.ToLowerInvariant().Where(c => !char.IsWhiteSpace(c) && !(char.IsAscii(c) && !char.IsAsciiLetterOrDigit(c))).ToArray());

    // SECURITY.md A2: "safe home", the program (organisation) name, the email's local part, the user name and the
    // person's name, each whole and word by word; longest first, so a whole name goes before its words.
    private static IEnumerable<string> ContextWords(string? email, string? displayName, string? programName, string? userName)
    {
        var phrases = new List<string> { "safe home" };
        foreach (var address in new[] { email, userName })
        {
            if (!string.IsNullOrWhiteSpace(address))
            {
                phrases.Add(address.Split('@')[0]);
            }
        }

        phrases.Add(displayName ?? string.Empty);
        phrases.Add(programName ?? string.Empty);
        var words = new HashSet<string>(StringComparer.Ordinal);
        foreach (var phrase in phrases.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            words.Add(Significant(phrase));
            foreach (var part in phrase.Split([' ', '.', '-', '_', '+', ','], StringSplitOptions.RemoveEmptyEntries))
            {
                words.Add(Significant(part));
            }
        }

        return words.Where(w => w.Length >= 4).OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal);
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
