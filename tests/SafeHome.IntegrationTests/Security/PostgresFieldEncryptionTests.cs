using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data.Encryption;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Jobs;

namespace SafeHome.IntegrationTests.Security;

/// The same field encryption on a real PostgreSQL cluster: the start-up check and the re-encryption run their own SQL
/// below EF, which must work on both providers (sized varchar columns included).
public sealed class PostgresFieldEncryptionTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    [Fact]
    public async Task Rotation_and_the_wrong_key_check_work_on_postgres()
    {
        var database = await cluster.CreateDatabaseAsync();
        var oldKey = $"old1:{NewKey()}";

        // Three starts of one installation: each a new test folder, so the sign-in key ring's protection key is shared
        // through the setting, as every node of a site shares it.
        var keyRingKey = FieldKeyRing.NewEntry();
        var canary = $"Pgcanary{Guid.NewGuid():N}";
        Guid residentId;
        await using (var before = new SafeHomeApp(postgres: database))
        {
            before.Settings["Encryption:Keys"] = oldKey;
            before.Settings["DataProtection:Keys"] = keyRingKey;
            await before.InitializeAsync();
            residentId = await before.CreateResidentAsync(null, legalName: $"Legalia {canary} {new string('é', 150)}");
            Assert.StartsWith("v1:old1:", await StoredLegalNameAsync(before), StringComparison.Ordinal);
        }

        await using (var after = new SafeHomeApp(postgres: database))
        {
            after.Settings["Encryption:Keys"] = $"{oldKey};new2:{NewKey()}";
            after.Settings["DataProtection:Keys"] = keyRingKey;
            await after.InitializeAsync();
            await using (var scope = after.Services.CreateAsyncScope())
            {
                Assert.True(await scope.ServiceProvider.GetRequiredService<FieldReencryptionJob>().RunAsync(CancellationToken.None) >= 2);
            }

            Assert.StartsWith("v1:new2:", await StoredLegalNameAsync(after), StringComparison.Ordinal);
            var (_, director) = await after.SignInNewAsync(Roles.ProgramDirector);
            Assert.Contains(canary, await director.GetStringAsync($"/Residents/Details/{residentId}"), StringComparison.Ordinal);
        }

        await using var wrong = new SafeHomeApp(postgres: database);
        wrong.Settings["Encryption:Keys"] = $"new2:{NewKey()}";
        wrong.Settings["DataProtection:Keys"] = keyRingKey;
        var failure = await Record.ExceptionAsync(wrong.InitializeAsync);
        Assert.NotNull(failure);
        Assert.Contains("does not authenticate", failure.ToString(), StringComparison.Ordinal);
    }

    private static Task<string> StoredLegalNameAsync(SafeHomeApp app) =>
        app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"LegalName\" AS \"Value\" FROM \"Residents\"").SingleAsync());

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(FieldCipher.KeyBytes));
}
