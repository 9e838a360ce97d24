using SafeHome.Data;
using SafeHome.Web.Infrastructure;

namespace SafeHome.UnitTests.Infrastructure;

public sealed class PasswordPolicyValidatorTests
{
    private const string Email = "morgana.testperson@example.org";
    private const string DisplayName = "Morgana Testperson";

    // Varied words with no repeating pattern, long enough to cut any test length from.
    private const string Prose =
        "amber lanterns drift past seven quiet harbours while copper finches argue over thimbles of rain "
        + "beneath a crooked violet bridge, and the old miller hums to his goats about turnips and kites at dusk";

    private static string Passphrase(int codePoints) => Prose[..codePoints];

    private static List<string> Validate(string password, string? email = Email, string? displayName = DisplayName, string? programName = null, string? userName = null) =>
        [.. PasswordPolicyValidator.Validate(password, email, displayName, programName, userName)];

    private static int CodePoints(string value) => value.EnumerateRunes().Count();

    [Fact]
    public void Fourteen_characters_are_refused()
    {
        var errors = Validate(Passphrase(14));

        Assert.Contains($"at least {PasswordPolicyValidator.MinLength}", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(64)]
    [InlineData(128)]
    public void Lengths_from_15_to_128_are_accepted(int length)
    {
        var password = Passphrase(length);

        Assert.Equal(length, CodePoints(password));
        Assert.Empty(Validate(password));
    }

    [Fact]
    public void A_hundred_and_twenty_nine_characters_are_refused()
    {
        var errors = Validate(Passphrase(129));

        Assert.Contains($"at most {PasswordPolicyValidator.MaxLength}", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Length_counts_an_emoji_as_one_character_so_15_code_points_in_23_utf16_units_are_accepted()
    {
        var password = "🌻🐢🚲🎈🍋🪁🦊🌙harbour";

        Assert.Equal(23, password.Length);
        Assert.Equal(15, CodePoints(password));
        Assert.Empty(Validate(password));
    }

    [Fact]
    public void Length_counts_an_emoji_as_one_character_so_14_code_points_in_21_utf16_units_are_refused()
    {
        var password = "🌻🐢🚲🎈🍋🪁🦊harbour";

        Assert.True(password.Length >= PasswordPolicyValidator.MinLength);
        Assert.Equal(14, CodePoints(password));
        Assert.Contains("at least", Assert.Single(Validate(password)), StringComparison.Ordinal);
    }

    [Fact]
    public void Length_at_the_upper_limit_is_counted_in_code_points()
    {
        var emoji = string.Concat(Enumerable.Repeat("🌻", 20));
        var accepted = emoji + Passphrase(108);
        var refused = emoji + Passphrase(109);

        Assert.True(accepted.Length > PasswordPolicyValidator.MaxLength);
        Assert.Equal(128, CodePoints(accepted));
        Assert.Empty(Validate(accepted));
        Assert.Contains("at most", Assert.Single(Validate(refused)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("🌻🐢🚲🎈🍋🪁🦊🌙 kites at dusk")]
    [InlineData("🦉 night 🌌 owl 🌲 forest 🍄 path")]
    public void An_emoji_heavy_password_is_accepted(string password)
    {
        Assert.True(CodePoints(password) >= PasswordPolicyValidator.MinLength);
        Assert.Empty(Validate(password));
    }

    [Fact]
    public void An_all_emoji_password_is_accepted()
    {
        var password = "🌻🐢🚲🎈🍋🪁🦊🌙🦉🌌🌲🍄🧭🪐🎻";

        Assert.Equal(15, CodePoints(password));
        Assert.Empty(Validate(password));
    }

    [Theory]
    [InlineData("שמש ירוקה על גג אדום ישן")]
    [InlineData("قمر أزرق فوق جسر قديم جدا")]
    [InlineData("ירח כחול moon 月亮 قمر")]
    public void A_right_to_left_password_is_accepted(string password)
    {
        Assert.True(CodePoints(password) >= PasswordPolicyValidator.MinLength);
        Assert.Empty(Validate(password));
    }

    [Theory]
    [InlineData("passwordpassword")]
    [InlineData("qwertyuiopqwertyuiop")]
    [InlineData("password123456789")]
    [InlineData("Password123456789!")]
    [InlineData("QWERTYUIOP1234567")]
    [InlineData("correct horse battery staple")]
    [InlineData("iloveyou iloveyou")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("abababababababab")]
    [InlineData("123456789012345")]
    public void Common_and_repetitive_passwords_are_refused(string password)
    {
        Assert.True(CodePoints(password) >= PasswordPolicyValidator.MinLength);

        var errors = Validate(password);

        Assert.Contains("too common", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("morgana.testperson2024")]
    [InlineData("MORGANA.TESTPERSON!!")]
    public void A_password_that_is_mostly_the_email_local_part_is_refused(string password)
    {
        var errors = Validate(password, Email, displayName: null);

        Assert.Contains("name, email", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Testperson 2024!!")]
    [InlineData("xx testperson xx")]
    public void A_password_that_is_mostly_a_display_name_word_is_refused(string password)
    {
        var errors = Validate(password, email: null, DisplayName);

        Assert.Contains("name, email", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_that_is_the_whole_display_name_run_together_is_refused()
    {
        var errors = Validate("TestaExample2024!", email: "t.e@example.org", displayName: "Testa Example");

        Assert.Contains("name, email", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_that_merely_contains_a_name_among_other_words_is_accepted()
    {
        Assert.Empty(Validate("testperson rides seven copper kites", Email, DisplayName));
    }

    [Fact]
    public void The_same_password_is_accepted_for_a_person_it_says_nothing_about()
    {
        const string password = "Testperson 2024!!";

        Assert.NotEmpty(Validate(password, email: null, DisplayName));
        Assert.Empty(Validate(password, "ada.lovelace@example.org", "Ada Lovelace"));
    }

    [Fact]
    public void A_good_passphrase_is_accepted()
    {
        Assert.Empty(Validate("violet goats hum beside the crooked mill"));
    }

    [Fact]
    public void A_good_passphrase_is_accepted_without_an_email_or_name()
    {
        Assert.Empty(Validate("violet goats hum beside the crooked mill", email: null, displayName: null));
    }

    [Fact]
    public async Task The_identity_validator_checks_against_the_users_own_email_and_name()
    {
        var validator = new PasswordPolicyValidator();
        var user = new SafeHomeUser { Email = Email, DisplayName = DisplayName };

        var refused = await validator.ValidateAsync(null!, user, "Testperson 2024!!");
        var accepted = await validator.ValidateAsync(null!, user, "violet goats hum beside the crooked mill");

        Assert.False(refused.Succeeded);
        Assert.Equal("PasswordPolicy", Assert.Single(refused.Errors).Code);
        Assert.True(accepted.Succeeded);
    }

    [Fact]
    public async Task The_identity_validator_treats_a_missing_password_as_too_short()
    {
        var result = await new PasswordPolicyValidator().ValidateAsync(null!, new SafeHomeUser(), null);

        Assert.Contains("at least", Assert.Single(result.Errors).Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("safehome-program")]
    [InlineData("SAFE HOME program!")]
    [InlineData("safe home 2026 kit")]
    [InlineData("Safehome password1")]
    public void Safe_home_with_little_else_is_refused(string password)
    {
        Assert.Contains("name, email", Assert.Single(Validate(password, email: null, displayName: null)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Lantern House Program 2026")]
    [InlineData("lanternhouse-program!!")]
    [InlineData("Lantern-House 12345678")]
    public void The_configured_program_name_with_little_else_is_refused(string password)
    {
        Assert.NotEmpty(Validate(password, email: null, displayName: null, programName: "Lantern House Program"));
        Assert.Contains("program's name", Assert.Single(Validate(password, email: null, displayName: null, programName: "Lantern House Program")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_program_name_among_enough_other_words_is_accepted()
    {
        Assert.Empty(Validate("lantern house geese argue over copper kites", email: null, displayName: null, programName: "Lantern House Program"));
    }

    [Fact]
    public void A_password_made_of_the_user_name_is_refused_even_when_the_email_differs()
    {
        Assert.Single(Validate("quillon.example-2026", email: "someone@example.org", displayName: null, userName: "quillon.example"));
    }

    [Fact]
    public async Task The_identity_validator_uses_the_configured_program_name()
    {
        var validator = new PasswordPolicyValidator(Microsoft.Extensions.Options.Options.Create(new SafeHome.Web.Pages.Reports.ReportsOptions { ProgramName = "Lantern House Program" }));
        var user = new SafeHomeUser { Email = Email, UserName = Email, DisplayName = DisplayName };

        Assert.False((await validator.ValidateAsync(null!, user, "Lantern House Program 2026")).Succeeded);
        Assert.True((await new PasswordPolicyValidator().ValidateAsync(null!, user, "Lantern House Program 2026")).Succeeded);
    }
}
