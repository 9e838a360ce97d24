using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SafeHome.Data;
using SafeHome.Domain.Notes;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Notes;

/// Issue 20 item 3: the migration that brings the fuller lexicon to a running site adds the new entries and updates
/// the seeded entries no one touched, and leaves alone what a director changed: an edited entry, and a term a
/// director added with the spelling of a new seeded one.
public sealed class LexiconMigrationTests
{
    private const string Before = "StartPageIndexes";
    private static readonly Guid John = new("5afe1e00-0000-4000-8000-000000000014");
    private static readonly Guid Trick = new("5afe1e00-0000-4000-8000-000000000018");
    private static readonly Guid Hooker = LexiconSeed.Terms.Single(t => t.Term == "hooker").Id;

    [Theory, Providers]
    public async Task The_migration_adds_the_new_entries_and_leaves_a_director_edited_entry_unchanged(DatabaseProvider provider)
    {
        var (connectionString, cleanup) = await EmptyDatabaseAsync(provider);
        try
        {
            var options = new DbContextOptionsBuilder<SafeHomeDbContext>();
            DatabaseServiceCollectionExtensions.Configure(options, provider, connectionString);
            await using (var db = new SafeHomeDbContext(options.Options))
            {
                await db.GetService<IMigrator>().MigrateAsync(Before, TestContext.Current.CancellationToken);
                // The model of this build has columns the database does not have yet, so the old schema is written in SQL.
                Assert.Equal(49, await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM \"LexiconTerms\"").SingleAsync(TestContext.Current.CancellationToken));

                // A director edited "john" (the app's save moves the version on) and added "Hooker" before the new seed knew it.
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"UPDATE \"LexiconTerms\" SET \"Preferred\" = {"the buyer (our wording)"}, \"Explanation\" = {"Our own explanation, written by the director."}, \"Severity\" = {"Warn"}, \"Version\" = 1 WHERE \"Id\" = {John}",
                    TestContext.Current.CancellationToken);
                await db.Database.ExecuteSqlInterpolatedAsync(
                    $"INSERT INTO \"LexiconTerms\" (\"Id\", \"Term\", \"NormalizedTerm\", \"Preferred\", \"Explanation\", \"Severity\", \"IsActive\", \"Version\") VALUES ({Guid.CreateVersion7()}, {"Hooker"}, {"hooker"}, {"our wording"}, {"Added by the director."}, {"Warn"}, {true}, {1L})",
                    TestContext.Current.CancellationToken);
            }

            await using (var db = new SafeHomeDbContext(options.Options))
            {
                await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
                var terms = await db.LexiconTerms.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);

                var john = terms.Single(t => t.Id == John);
                Assert.Equal("the buyer (our wording)", john.Preferred);
                Assert.Equal("Our own explanation, written by the director.", john.Explanation);
                Assert.Equal(LexiconSeverity.Warn, john.Severity);
                Assert.False(john.SkipNames);
                Assert.Null(john.Source);

                var hooker = Assert.Single(terms, t => t.NormalizedTerm == "hooker");
                Assert.NotEqual(Hooker, hooker.Id);
                Assert.Equal("our wording", hooker.Preferred);

                // Untouched seeded entries took the new context; every other new entry is there, once.
                Assert.Contains("buyer", terms.Single(t => t.Id == Trick).NearWords, StringComparison.Ordinal);
                foreach (var seed in LexiconSeed.Terms.Where(s => s.Id != John && s.Id != Hooker))
                {
                    var stored = terms.Single(t => t.Id == seed.Id);
                    var expected = LexiconTerm.From(seed);
                    Assert.Equal((expected.Term, expected.Preferred, expected.Severity, seed.IsActive, expected.NearWords, expected.OtherForms, expected.Source), (stored.Term, stored.Preferred, stored.Severity, stored.IsActive, stored.NearWords, stored.OtherForms, stored.Source));
                }

                Assert.Equal(LexiconSeed.Terms.Count, terms.Count);
                Assert.Equal(terms.Count, terms.Select(t => t.NormalizedTerm).Distinct().Count());
            }
        }
        finally
        {
            await cleanup();
        }
    }

    private static async Task<(string ConnectionString, Func<Task> Cleanup)> EmptyDatabaseAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var connectionString = await TestDatabases.CreateEmptyPostgresAsync();
            return (connectionString, () => TestDatabases.DropAsync(connectionString));
        }

        var file = Path.Combine(Path.GetTempPath(), "safehome-tests", $"lexicon-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return ($"Data Source={file}", () =>
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
            return Task.CompletedTask;
        });
    }
}
