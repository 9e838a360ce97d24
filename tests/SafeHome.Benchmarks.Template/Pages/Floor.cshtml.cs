using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace SafeHome.Benchmarks.Template.Pages;

[Authorize]
public sealed class FloorModel(FloorDb db) : PageModel
{
    public List<string> Names { get; } = [];

    public async Task OnGetAsync(int queries)
    {
        // One query per row, as a page's separate reads are; the ids differ so SQLite does real lookups.
        var first = Random.Shared.Next(1, FloorDb.Rows - queries);
        for (var i = 0; i < Math.Clamp(queries, 0, 64); i++)
        {
            var id = first + i;
            Names.Add(await db.Items.AsNoTracking().Where(r => r.Id == id).Select(r => r.Name).FirstAsync());
        }
    }
}
