using Microsoft.EntityFrameworkCore;

namespace SafeHome.Benchmarks.Template;

/// The stack floor of `page-bench`: how fast a page can be on the stack DESIGN.md fixes (Razor Pages, cookie sign-in,
/// EF Core on SQLite) before SafeHome adds anything. Its page reads N rows by key, one query each, so the run shows
/// what one query costs and how many a page can afford against a share of the template.
public sealed class FloorDb(DbContextOptions<FloorDb> options) : DbContext(options)
{
    public const int Rows = 2000;

    public DbSet<FloorRow> Items => Set<FloorRow>();

    public static async Task SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FloorDb>();
        await db.Database.EnsureDeletedAsync();
        await db.Database.EnsureCreatedAsync();
        db.Items.AddRange(Enumerable.Range(1, Rows).Select(i => new FloorRow { Id = i, Name = $"Invented Row {i}" }));
        await db.SaveChangesAsync();
    }
}

public sealed class FloorRow
{
    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;
}
