using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Encryption;

namespace SafeHome.Web.Infrastructure;

/// At start, before anything serves a page: the configured keys must open what the database holds, the field key ring
/// its restricted columns and the key ring protection key its sign-in keys. A lost or wrong key stops the host with a
/// message that names the key, instead of pages that fail one by one or everyone signed out. A database whose schema
/// is not yet migrated holds nothing to check.
public sealed class StartupKeyCheck(IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>();
        if (!await db.Database.CanConnectAsync(cancellationToken) || (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return;
        }

        await scope.ServiceProvider.GetRequiredService<FieldReencryption>().CheckKeysAsync(cancellationToken);
        KeyRing.Check(services);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
