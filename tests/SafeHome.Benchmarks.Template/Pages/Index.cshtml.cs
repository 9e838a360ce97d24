using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SafeHome.Benchmarks.Template.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
