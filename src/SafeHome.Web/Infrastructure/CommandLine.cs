using System.Net.Sockets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;

namespace SafeHome.Web.Infrastructure;

// Operator verbs on the same executable (see Usage). The verb is the one bare word among the arguments, wherever it
// stands; everything else goes to the web host's configuration.
public sealed record CommandLine(string? Verb, IReadOnlyDictionary<string, string> Options, bool SeedDemo, string[] HostArguments, string? Unexpected = null)
{
    public const string Usage = """
        usage: SafeHome.Web [verb] [--Section:Setting=value ...]
          (no verb)                                   run the web server, and the job server unless Jobs:RunServer=false;
                                                      --seed-demo first fills the database with invented demo data
          migrate                                     bring the existing database up to date
          create-user --email E --role R [--name N]   create an account (the password is read from standard input)
          verify-audit                                check the audit chain (exit 0 intact, 1 broken)
          backup --to FILE                            write the database, its manifest and signed checkpoint to
                                                      one private archive while SafeHome runs (SQLite)
          restore --from FILE [--confirm-older "why"] put a backup into an empty data folder after checking it;
                                                      an older backup than the site's checkpoint needs a reason
          reset-sign-in-keys                          when the key ring protection key is lost: empty the sign-in
                                                      key ring (everyone signs in again; restart every node)
          apply-schedules                             write this process's Jobs crons over the cluster's stored
                                                      recurring schedules (job servers never change stored ones)
        exit codes: 0 done, 1 failed, 2 usage or setup error
        """;

    private static readonly string[] Verbs = ["migrate", "create-user", "verify-audit", "backup", "restore", "reset-sign-in-keys", "apply-schedules"];
    private static readonly string[] VerbOptions = ["--email", "--role", "--name", "--to", "--from", "--confirm-older"];

    public static CommandLine Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? verb = null;
        string? unexpected = null;
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var seedDemo = false;
        var host = new List<string>();
        var hostValueNext = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var isValue = hostValueNext;
            hostValueNext = false;
            if (arg == "--seed-demo")
            {
                seedDemo = true;
            }
            else if (VerbOptions.Contains(arg) && i + 1 < args.Length)
            {
                options[arg[2..]] = args[++i];
            }
            else if (!isValue && !arg.StartsWith('-') && !arg.StartsWith('/') && !arg.Contains('=', StringComparison.Ordinal))
            {
                // A bare word that is no setting's value: the verb, or a mistake that must not start the web server.
                if (verb is null && unexpected is null && Verbs.Contains(arg))
                {
                    verb = arg;
                }
                else
                {
                    unexpected ??= arg;
                }
            }
            else
            {
                host.Add(arg);

                // `--key value`, the configuration provider's other form: the next word is a value, not a verb.
                hostValueNext = !isValue && !arg.Contains('=', StringComparison.Ordinal);
            }
        }

        return new CommandLine(verb, options, seedDemo, [.. host], unexpected);
    }

    // The whole program: parse, refuse a mistyped command before touching anything, build the host, run.
    public static async Task<int> MainAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var command = Parse(args);
        if (command.Unexpected is not null)
        {
            await error.WriteLineAsync($"Unknown command \"{command.Unexpected}\".");
            await error.WriteAsync(Usage);
            return 2;
        }

        var builder = WebApplication.CreateBuilder(command.HostArguments);
        builder.AddSafeHome();
        await using var app = builder.Build();
        app.UseSafeHome();
        try
        {
            return await RunAsync(app, command, input, output, error);
        }
        catch (Exception e) when (Unreachable(e) is { } reason)
        {
            await error.WriteLineAsync($"The database server could not be reached ({reason}); check Database:ConnectionString and that the server is running, then try again.");
            return 2;
        }
    }

    // A server that is down, a wrong host or port, a refused login: the operator's to fix, so every verb and the server
    // start say it in one line, never a stack trace (nor the connection string, which may hold the password). EF's
    // retrying strategy wraps the driver's exception in its own.
    private static string? Unreachable(Exception e) => (e as NpgsqlException ?? e.InnerException as NpgsqlException) switch
    {
        PostgresException { SqlState: ['2', '8', ..] } refused => refused.MessageText,
        { InnerException: SocketException or TimeoutException } failed => failed.Message,
        _ => null,
    };

    public static async Task<int> RunAsync(WebApplication app, CommandLine command, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        switch (command.Verb)
        {
            case "migrate":
                if (!await MigrateAsync(app.Services, error))
                {
                    return 2;
                }

                // The first sign-in key is made here, once, so nodes started together after `migrate` all find the same
                // one. A server start checks the ring in StartupKeyCheck instead, which verbs never run.
                try
                {
                    KeyRing.Check(app.Services);
                }
                catch (InvalidOperationException e)
                {
                    await error.WriteLineAsync(e.Message);
                    return 2;
                }

                await output.WriteLineAsync("The database is up to date.");
                return 0;
            case "create-user":
                return await MigrateIfAllowedAsync(app, error) ? await CreateUserAsync(app.Services, command.Options, input, output, error) : 2;
            case "verify-audit":
                return await MigrateIfAllowedAsync(app, error) ? await VerifyAuditAsync(app.Services, output) : 2;
            case "backup":
                return await MigrateIfAllowedAsync(app, error) ? await Backups.BackupAsync(app.Services, command.Options, output, error) : 2;
            case "apply-schedules":
                var changed = app.Services.GetRequiredService<Jobs.RecurringSchedules>().Overwrite();
                await output.WriteLineAsync(changed.Count == 0
                    ? "The cluster's recurring schedules already match these settings."
                    : $"Rescheduled for the whole cluster: {string.Join(", ", changed)}.");
                return 0;
            case "reset-sign-in-keys":
                // Not through migrate, which checks the very key ring this verb is for.
                return await KeyRing.ResetAsync(app.Services, output);
            case "restore":
                // Nothing is migrated first: the data folder must stay empty until the backup has been proved.
                var dataFolder = Path.GetFullPath(app.Services.GetRequiredService<DatabaseOptions>().DataFolder, app.Environment.ContentRootPath);
                return await Backups.RestoreAsync(app.Services, dataFolder, command.Options, output, error);
        }

        if (command.SeedDemo && app.Environment.IsProduction())
        {
            await error.WriteLineAsync("--seed-demo fills the database with invented residents and is refused in Production.");
            return 2;
        }

        if (!await MigrateIfAllowedAsync(app, error))
        {
            return 2;
        }

        await EnsureRolesAsync(app.Services);
        if (command.SeedDemo)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(output);
        }

        await app.RunAsync();
        return 0;
    }

    private static async Task<bool> MigrateIfAllowedAsync(WebApplication app, TextWriter error)
    {
        var database = app.Services.GetRequiredService<DatabaseOptions>();
        return !(app.Environment.IsDevelopment() || database.MigrateOnStartup) || await MigrateAsync(app.Services, error);
    }

    // Migrations never create the database: the SQLite file is created (private) with the data folder, and a
    // PostgreSQL database is the DBA's to create with its owner and rights. A missing one is one line, not a trace.
    public static async Task<bool> MigrateAsync(IServiceProvider services, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        await using (var scope = services.CreateAsyncScope())
        {
            var database = scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>().Database;
            var connection = database.GetDbConnection();
            var exists = await database.GetService<IRelationalDatabaseCreator>().ExistsAsync();
            if (!exists)
            {
                await error.WriteLineAsync($"The database \"{connection.Database}\" on {connection.DataSource} does not exist; create it (for PostgreSQL: createdb --owner=USER {connection.Database}) and run migrate again.");
                return false;
            }

            await database.MigrateAsync();
        }

        await EnsureRolesAsync(services);
        return true;
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

    public static async Task<int> CreateUserAsync(IServiceProvider services, IReadOnlyDictionary<string, string> options, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (!options.TryGetValue("email", out var email) || !options.TryGetValue("role", out var role))
        {
            await error.WriteLineAsync("usage: create-user --email E --role R [--name N]   (the password is read from standard input)");
            return 2;
        }

        var matchedRole = Roles.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
        if (matchedRole is null)
        {
            await error.WriteLineAsync($"Unknown role. Choose one of: {string.Join(", ", Roles.All)}.");
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
            foreach (var problem in result.Errors)
            {
                await error.WriteLineAsync(problem.Description);
            }

            return 1;
        }

        var display = Roles.DisplayName(matchedRole);
        var article = "AEIOU".Contains(display[0], StringComparison.Ordinal) ? "an" : "a";
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SafeHomeUser>>();
        var key = await Authenticator.EnrolAsync(users, (await users.FindByEmailAsync(email))!);
        await output.WriteLineAsync($"Created {article} {display} account for {email}.");
        await output.WriteLineAsync($"Authenticator key (shown once; add it to an authenticator app): {key}");
        await output.WriteLineAsync(Authenticator.Uri(email, key));
        return 0;
    }

    /// Recomputes the audit chain and prints how many entries were checked and, on failure, every problem with its
    /// sequence.
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

        await output.WriteLineAsync($"Audit chain BROKEN: {report.Message}");
        foreach (var finding in report.Findings)
        {
            await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  {finding.Problem} at {finding.Sequence}{(finding.LastSequence != finding.Sequence ? $"–{finding.LastSequence}" : "")}: {finding.Message}"));
        }

        return 1;
    }
}
