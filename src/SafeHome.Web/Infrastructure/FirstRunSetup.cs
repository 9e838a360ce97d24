using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using SafeHome.Data;
using SafeHome.Domain.Staff;

namespace SafeHome.Web.Infrastructure;

/// The one-time link that creates the first administrator. The token is random, lives only in this process's
/// memory, and is useless once any administrator exists, so there is never a default password.
public sealed class FirstRunSetup
{
    private readonly Lock _gate = new();
    private string? _token;

    public string GetOrIssueToken()
    {
        lock (_gate)
        {
            return _token ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        }
    }

    public bool IsValid(string? token)
    {
        lock (_gate)
        {
            return _token is not null && token is not null
                && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(_token), System.Text.Encoding.UTF8.GetBytes(token));
        }
    }

    public void Retire()
    {
        lock (_gate)
        {
            _token = null;
        }
    }

    public static async Task<bool> AdministratorExistsAsync(UserManager<SafeHomeUser> users) =>
        (await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0;
}

/// Prints the setup link once the server is listening, straight to the console: the token is a secret, so it
/// never goes through the logging pipeline.
public sealed class FirstRunBanner(IServiceProvider services, IHostApplicationLifetime lifetime, FirstRunSetup setup, IServer server, OperatorConsole console) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = PrintAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrintAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SafeHomeUser>>();
        if (await FirstRunSetup.AdministratorExistsAsync(users))
        {
            return;
        }

        // The host's own start-up lines go through the console logger's queue and would land below the link: give
        // them a moment, so the link is the last thing printed.
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? string.Empty;
        address = address.Replace("://[::]", "://localhost", StringComparison.Ordinal).Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);
        var token = setup.GetOrIssueToken();
        // Framed and printed after start-up, so it is the last thing on the console and easy to find.
        var link = $"{address}/Account/Setup?token={token}";
        var rule = new string('=', Math.Max(link.Length + 4, 72));
        await console.Writer.WriteLineAsync(
            $"""

            {rule}
              SafeHome has no administrator yet. Open this one-time link to create the first one:

                {link}
            {rule}

            """);
        await console.Writer.FlushAsync();
    }
}

/// Where messages for the operator who started SafeHome go (the setup link, demo passwords): the console, never
/// the log pipeline. Tests swap in a writer they can read.
public sealed record OperatorConsole(TextWriter Writer);
