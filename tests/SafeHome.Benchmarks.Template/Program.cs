using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using SafeHome.Benchmarks.Template;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
builder.Services.AddRazorPages();

// --Floor:Database=PATH turns the template into the stack floor (see FloorDb): the same page plus what every SafeHome
// case page cannot do without (a sign-in cookie, EF Core queries on SQLite) and nothing of SafeHome's own. Without it
// this is the plain template, the baseline, untouched.
var floorDatabase = builder.Configuration["Floor:Database"];
if (floorDatabase is not null)
{
    builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
    builder.Services.AddAuthorization();
    builder.Services.AddDbContext<FloorDb>(o => o.UseSqlite($"Data Source={floorDatabase}"));
}

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}

app.UseStaticFiles();
app.UseRouting();
if (floorDatabase is not null)
{
    await FloorDb.SeedAsync(app.Services);
    app.UseAuthentication();
    app.MapGet("/floor/sign-in", async (HttpContext context) =>
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "bench"), new Claim(ClaimTypes.Name, "bench")], CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(new ClaimsPrincipal(identity));
        return Results.NoContent();
    });
}

app.UseAuthorization();
app.MapRazorPages();
await app.RunAsync();
