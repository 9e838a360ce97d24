using SafeHome.Web.Infrastructure;

namespace SafeHome.UnitTests.Infrastructure;

public sealed class CommandLineTests
{
    [Fact]
    public void No_arguments_run_the_web_host_with_nothing_extra()
    {
        var command = CommandLine.Parse([]);

        Assert.Null(command.Verb);
        Assert.Empty(command.Options);
        Assert.False(command.SeedDemo);
        Assert.Empty(command.HostArguments);
    }

    [Fact]
    public void Migrate_is_read_as_the_verb()
    {
        var command = CommandLine.Parse(["migrate"]);

        Assert.Equal("migrate", command.Verb);
        Assert.Empty(command.Options);
        Assert.Empty(command.HostArguments);
    }

    [Fact]
    public void Create_user_reads_its_email_and_role_options()
    {
        var command = CommandLine.Parse(["create-user", "--email", "a@b", "--role", "Counselor"]);

        Assert.Equal("create-user", command.Verb);
        Assert.Equal("a@b", command.Options["email"]);
        Assert.Equal("Counselor", command.Options["role"]);
        Assert.Equal(2, command.Options.Count);
        Assert.Empty(command.HostArguments);
    }

    [Fact]
    public void Create_user_reads_an_optional_name_with_spaces()
    {
        var command = CommandLine.Parse(["create-user", "--role", "Admin", "--name", "Testa Example", "--email", "t@example.org"]);

        Assert.Equal("Testa Example", command.Options["name"]);
        Assert.Equal("t@example.org", command.Options["email"]);
        Assert.Equal("Admin", command.Options["role"]);
    }

    [Fact]
    public void Options_are_looked_up_without_regard_to_case()
    {
        var command = CommandLine.Parse(["create-user", "--email", "a@b"]);

        Assert.Equal("a@b", command.Options["EMAIL"]);
    }

    [Fact]
    public void The_seed_demo_flag_is_recognised_and_not_passed_to_the_host()
    {
        var command = CommandLine.Parse(["--urls", "http://127.0.0.1:5000", "--seed-demo"]);

        Assert.True(command.SeedDemo);
        Assert.Null(command.Verb);
        Assert.DoesNotContain("--seed-demo", command.HostArguments);
    }

    [Fact]
    public void Other_arguments_pass_to_the_host_untouched_and_in_order()
    {
        string[] args = ["--urls", "http://127.0.0.1:5000", "--environment", "Development", "Logging:LogLevel:Default=Debug"];

        var command = CommandLine.Parse(args);

        Assert.Null(command.Verb);
        Assert.False(command.SeedDemo);
        Assert.Equal(args, command.HostArguments);
        Assert.NotSame(args, command.HostArguments);
    }

    [Fact]
    public void Host_arguments_keep_their_order_around_the_seed_demo_flag()
    {
        var command = CommandLine.Parse(["--contentRoot", "/srv/safehome", "--seed-demo", "--urls", "http://127.0.0.1:5000"]);

        Assert.True(command.SeedDemo);
        Assert.Equal(["--contentRoot", "/srv/safehome", "--urls", "http://127.0.0.1:5000"], command.HostArguments);
    }

    [Fact]
    public void A_verb_with_host_arguments_keeps_both_apart()
    {
        var command = CommandLine.Parse(["migrate", "--environment", "Production", "--Database:Provider=Postgres"]);

        Assert.Equal("migrate", command.Verb);
        Assert.Equal(["--environment", "Production", "--Database:Provider=Postgres"], command.HostArguments);
    }

    [Theory]
    [InlineData("--Database:DataFolder=/srv/x", "verify-audit")]
    [InlineData("--urls", "http://127.0.0.1:5000", "migrate")]
    [InlineData("--Database:DataFolder", "/srv/x", "--environment", "Production", "verify-audit")]
    public void A_verb_after_the_options_is_still_the_verb(params string[] args)
    {
        var command = CommandLine.Parse(args);

        Assert.Equal(args[^1], command.Verb);
        Assert.Null(command.Unexpected);
        Assert.Equal(args[..^1], command.HostArguments);
    }

    [Theory]
    [InlineData("verfiy-audit")]
    [InlineData("--Database:DataFolder=/srv/x", "backup-now")]
    [InlineData("migrate", "verify-audit")]
    public void A_word_that_is_no_verb_and_no_setting_value_is_unexpected(params string[] args)
    {
        var command = CommandLine.Parse(args);

        Assert.NotNull(command.Unexpected);
        Assert.DoesNotContain(command.Unexpected, command.HostArguments);
    }

    [Fact]
    public void The_value_of_a_spaced_setting_is_never_taken_for_a_verb()
    {
        var command = CommandLine.Parse(["--environment", "migrate"]);

        Assert.Null(command.Verb);
        Assert.Null(command.Unexpected);
        Assert.Equal(["--environment", "migrate"], command.HostArguments);
    }

    [Fact]
    public void An_option_without_a_value_is_left_for_the_host()
    {
        var command = CommandLine.Parse(["create-user", "--role", "Counselor", "--email"]);

        Assert.False(command.Options.ContainsKey("email"));
        Assert.Equal(["--email"], command.HostArguments);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => CommandLine.Parse(null!));
    }
}
