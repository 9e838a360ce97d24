using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SafeHome.Data;

namespace SafeHome.Migrations.Sqlite;

/// Lets `dotnet ef` build the model for this provider without starting the web host.
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SafeHomeDbContext>
{
    public SafeHomeDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SafeHomeDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new SafeHomeDbContext(builder.Options);
    }
}
