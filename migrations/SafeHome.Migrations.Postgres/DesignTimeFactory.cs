using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SafeHome.Data;

namespace SafeHome.Migrations.Postgres;

/// Lets `dotnet ef` build the model for this provider without starting the web host or reaching a server.
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SafeHomeDbContext>
{
    public SafeHomeDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SafeHomeDbContext>();
        DatabaseServiceCollectionExtensions.Configure(builder, DatabaseProvider.Postgres, "Host=localhost;Database=safehome_design");
        return new SafeHomeDbContext(builder.Options);
    }
}
