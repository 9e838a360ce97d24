using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;

namespace SafeHome.Web.Infrastructure;

/// Operator verbs on the same executable: `migrate`, `create-user --email E --role R [--name N]` (password on
/// standard input), `verify-audit` (exit code 0 when the audit chain is intact, 1 when broken), and the `--seed-demo`
/// flag for a normal run. Anything else goes to the web host.
public sealed record CommandLine(string? Verb, IReadOnlyDictionary<string, string> Options, bool SeedDemo, string[] HostArguments)
{
    private static readonly string[] Verbs = ["migrate", "create-user", "verify-audit"];
    private static readonly string[] VerbOptions = ["--email", "--role", "--name"];

    public static CommandLine Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? verb = null;
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var seedDemo = false;
        var host = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (i == 0 && Verbs.Contains(arg))
            {
                verb = arg;
            }
            else if (arg == "--seed-demo")
            {
                seedDemo = true;
            }
            else if (VerbOptions.Contains(arg) && i + 1 < args.Length)
            {
                options[arg[2..]] = args[++i];
            }
            else
            {
                host.Add(arg);
            }
        }

        return new CommandLine(verb, options, seedDemo, [.. host]);
    }

    public static async Task<int> RunAsync(WebApplication app, CommandLine command)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(command);
        switch (command.Verb)
        {
            case "migrate":
                await MigrateAsync(app.Services);
                await Console.Out.WriteLineAsync("The database is up to date.");
                return 0;
            case "create-user":
                await MigrateIfAllowedAsync(app);
                return await CreateUserAsync(app.Services, command.Options, Console.In);
            case "verify-audit":
                await MigrateIfAllowedAsync(app);
                return await VerifyAuditAsync(app.Services, Console.Out);
        }

        if (command.SeedDemo && app.Environment.IsProduction())
        {
            await Console.Error.WriteLineAsync("--seed-demo fills the database with invented residents and is refused in Production.");
            return 2;
        }

        await MigrateIfAllowedAsync(app);
        await EnsureRolesAsync(app.Services);
        if (command.SeedDemo)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(Console.Out);
        }

        await app.RunAsync();
        return 0;
    }

    private static async Task MigrateIfAllowedAsync(WebApplication app)
    {
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        if (app.Environment.IsDevelopment() || database.MigrateOnStartup)
        {
            await MigrateAsync(app.Services);
        }
    }

    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>().Database.MigrateAsync();
        await EnsureRolesAsync(services);
    }

    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public static async Task<int> CreateUserAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options, TextReader input)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(input);
        if (!options.TryGetValue("email", out var email) || !options.TryGetValue("role", out var role))
        {
            await Console.Error.WriteLineAsync("usage: create-user --email E --role R [--name N]   (the password is read from standard input)");
            return 2;
        }

        var matchedRole = Roles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
        if (matchedRole is null)
        {
            await Console.Error.WriteLineAsync($"Unknown role. Choose one of: {string.Join(", ", Roles.All)}.");
            return 2;
        }

        var password = await input.ReadLineAsync() ?? string.Empty;
        await EnsureRolesAsync(services);
        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var name = options.TryGetValue("name", out var n) ? n : email.Split('@')[0];
        var result = await accounts.CreateAsync(email, name, matchedRole, password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync(error.Description);
            }

            return 1;
        }

        await Console.Out.WriteLineAsync($"Created a {Roles.DisplayName(matchedRole)} account for {email}.");
        return 0;
    }

    /// Recomputes the audit chain and prints one line: how many entries were checked and, on failure, the first bad
    /// sequence and what is wrong with it.
    public static async Task<int> VerifyAuditAsync(IServiceProvider services, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(IntegrityCheckSource.Command, requestedById: null);
        if (report.Intact)
        {
            await output.WriteLineAsync($"Audit chain intact: {report.Message}");
            return 0;
        }

        await output.WriteLineAsync($"Audit chain BROKEN at entry {report.FirstBadSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(checkpoint)"} ({report.Problem}): {report.Message} {report.Checked} entries checked before it.");
        return 1;
    }
}
