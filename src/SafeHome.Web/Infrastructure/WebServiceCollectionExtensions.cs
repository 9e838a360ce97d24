using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.Web.Jobs;

namespace SafeHome.Web.Infrastructure;

public static class WebServiceCollectionExtensions
{
    public static WebApplicationBuilder AddSafeHome(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        services.TryAddSingletonTimeProvider();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();

        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(database);
        services.AddSafeHomeDatabase(
            database,
            builder.Environment.ContentRootPath,
            configuration.GetSection(AuditChainOptions.Section).Get<AuditChainOptions>(),
            configuration.GetSection(Data.Encryption.FieldEncryptionOptions.Section).Get<Data.Encryption.FieldEncryptionOptions>());

        // First of the hosted services: nothing (job server included) runs with a key that cannot read the data. Before
        // AddDataProtection too, whose own hosted service loads the key ring at start and, finding no key it can open,
        // would seal a new one with the wrong protection key before this check refused the start.
        services.AddHostedService<StartupKeyCheck>();
        services.AddSafeHomeKeyRing(configuration, database, builder.Environment.ContentRootPath);
        services.AddSafeHomeProxies(configuration);
        services.Configure<IntakeOptions>(configuration.GetSection(IntakeOptions.Section));
        services.AddSingleton(configuration.GetSection(NotesOptions.Section).Get<NotesOptions>() ?? new NotesOptions());
        var session = configuration.GetSection(SessionOptions.Section).Get<SessionOptions>() ?? new SessionOptions();
        services.AddSingleton(session);

        services.AddSingleton(configuration.GetSection(Jobs.PlanScheduleOptions.Section).Get<Jobs.PlanScheduleOptions>() ?? new Jobs.PlanScheduleOptions());
        services.AddSafeHomeJobs(configuration, database, builder.Environment.ContentRootPath);
        var web = configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
        services.AddSingleton(web);
        if (!web.Serve && !(configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions()).RunServer)
        {
            throw new InvalidOperationException("Web:Serve=false and Jobs:RunServer=false: this node would serve no page and run no job. Set one of them to true.");
        }

        // A threshold below 5 is refused at start-up, not when the first report would leak a small cell.
        services.AddOptions<Pages.Reports.ReportsOptions>().Bind(configuration.GetSection(Pages.Reports.ReportsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Pages.Reports.ReportRequests>();
        services.AddSingleton<SafeHome.Reports.Pdf.IPdfEngine, SafeHome.Reports.Pdf.SkiaPdfEngine>();
        AddIdentity(services, session);
        AddAuthorization(services);

        services.AddRazorPages(options =>
        {
            var conventions = options.Conventions;
            conventions.AuthorizeFolder("/Admin", Policies.Admin);

            // Account changes waiting for a director: directors decide, auditors read (auditors' POSTs are refused).
            conventions.AuthorizeFolder("/Staff", Policies.AccountChangeReader);
            conventions.AuthorizeFolder("/Audit", Policies.Auditor);
            conventions.AuthorizeFolder("/Residents", Policies.CaseReader);
            conventions.AuthorizePage("/Residents/Intake", Policies.CaseWriter);
            conventions.AuthorizePage("/Residents/Edit", Policies.CaseWriter);
            conventions.AuthorizePage("/Residents/Discharge", Policies.CaseWriter);
            conventions.AuthorizePage("/Residents/Admit", Policies.CaseWriter);
            conventions.AuthorizePage("/Residents/Caseload", Policies.Director);
            conventions.AuthorizeFolder("/Plans", Policies.CaseReader);
            foreach (var page in CounselorPlanPages)
            {
                // Counselors build and carry their residents' plans; directors approve, auditors read.
                conventions.AuthorizePage(page, Policies.Counselor);
            }

            conventions.AuthorizePage("/Plans/Approve", Policies.Director);
            conventions.AuthorizePage("/Plans/Due", Policies.CaseWriter);
            conventions.AuthorizeFolder("/Notes", Policies.CaseReader);
            conventions.AuthorizePage("/Notes/Write", Policies.Counselor);
            conventions.AuthorizePage("/Notes/Edit", Policies.Counselor);
            conventions.AuthorizePage("/Notes/Amend", Policies.Counselor);

            // Directors co-sign; a counselor may too when designated as the author's supervisor (checked per note).
            conventions.AuthorizePage("/Notes/Cosign", Policies.CaseWriter);
            conventions.AuthorizePage("/Notes/Unsigned", Policies.CaseWriter);
            conventions.AuthorizeFolder("/Notes/Lexicon", Policies.Director);
            // Missing-from-care episodes, placement-safety decisions and exploitation events: the resident's counselors
            // and directors record them, auditors read them (SECURITY.md Z2; issue 5).
            conventions.AuthorizeFolder("/Missing", Policies.CaseReader);
            conventions.AuthorizeFolder("/Placement", Policies.CaseReader);
            conventions.AuthorizeFolder("/Exploitation", Policies.CaseReader);
            conventions.AuthorizeFolder("/Education", Policies.CaseReader);
            conventions.AuthorizePage("/Education/Record", Policies.CaseWriter);
            conventions.AuthorizeFolder("/Reports", Policies.ReportReader);
            conventions.AuthorizePage("/Reports/Request", Policies.Director);
            conventions.AuthorizePage("/Missing/Told", Policies.Director);
            foreach (var page in MissingWritePages)
            {
                conventions.AuthorizePage(page, Policies.CaseWriter);
            }

            foreach (var page in AnonymousPages)
            {
                conventions.AllowAnonymousToPage(page);
            }
        }).AddMvcOptions(options =>
        {
            options.Filters.Add(new AuditorReadOnlyFilter());
            options.Filters.Add(new NotFoundAuditFilter());
            options.Filters.Add(new ViewAuditFilter());
            options.Filters.Add<RecentSignInFilter>();
            options.Filters.Add(new FormDraftFilter());
            options.ModelBinderProviders.Insert(0, new FormBindingProvider());
        });

        // The director's charts are computed once per few minutes, not on every visit to the start page.
        services.AddMemoryCache();

        // SECURITY.md I5: a year, subdomains included.
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });

        services.AddSingleton<FirstRunSetup>();
        services.AddSingleton(new OperatorConsole(Console.Out));
        services.AddHostedService<FirstRunBanner>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<StaffAccounts>();
        services.AddOptions<SignInThrottleOptions>().Bind(configuration.GetSection(SignInThrottleOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<DummyPassword>();
        services.AddScoped<AccountChanges>();
        services.AddOptions<DraftOptions>().Bind(configuration.GetSection(DraftOptions.Section))
            .Validate(o => o.Lifetime > TimeSpan.Zero && o.AutosaveSeconds is >= 1 and <= 3600, "Drafts:Lifetime must be positive and Drafts:AutosaveSeconds 1 to 3600.")
            .ValidateOnStart();
        services.AddScoped<FormDrafts>();
        return builder;
    }

    private static readonly string[] CounselorPlanPages =
        ["/Plans/Overview", "/Plans/Strength", "/Plans/Goal", "/Plans/Objective", "/Plans/Intervention", "/Plans/Workflow", "/Plans/Meeting", "/Plans/Sign", "/Plans/Review"];

    private static readonly string[] MissingWritePages =
        ["/Missing/Open", "/Missing/Onset", "/Missing/Notify", "/Missing/Log", "/Missing/Return", "/Missing/Debrief", "/Missing/Screen", "/Placement/Decide", "/Exploitation/Record"];

    /// SECURITY.md Z1: everything else requires a signed-in user.
    public static IReadOnlyList<string> AnonymousPages { get; } =
        ["/Account/Login", "/Account/LoginWith2fa", "/Account/Setup", "/Account/ResetPassword", "/Error"];

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    private static void AddIdentity(IServiceCollection services, SessionOptions session)
    {
        services.AddIdentity<SafeHomeUser, IdentityRole>(options =>
            {
                // Length is checked in code points by PasswordPolicyValidator; no composition rules (NIST 800-63B).
                options.Password.RequiredLength = 1;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Tokens.AuthenticatorTokenProvider = TotpTokenProvider.Name;
                options.Tokens.PasswordResetTokenProvider = PasswordLinkTokenProvider.ProviderName;
            })
            .AddEntityFrameworkStores<SafeHomeDbContext>()
            .AddUserStore<SafeHomeUserStore>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.Name)
            .AddTokenProvider<PasswordLinkTokenProvider>(PasswordLinkTokenProvider.ProviderName)
            .AddSignInManager<SafeHomeSignInManager>()
            .AddPasswordValidator<PasswordPolicyValidator>();

        // Password links (there is no mail server; an administrator hands them over) die after 24 hours and after use.
        services.Configure<DataProtectionTokenProviderOptions>(options => options.TokenLifespan = TimeSpan.FromHours(24));

        // Issue 15: every cookie the app sets is Secure, HttpOnly and __Host- prefixed (so no other site on the domain
        // and no plain-http page can set or read it), not only the session cookie configured below.
        services.AddAntiforgery(options =>
        {
            HostOnly(options.Cookie, "__Host-Antiforgery");

            // Antiforgery throws on a plain-http request when its cookie demands Secure, and a first run is
            // http://localhost (which browsers treat as secure): the cookie policy in UseSafeHome makes it Secure instead.
            options.Cookie.SecurePolicy = CookieSecurePolicy.None;
        });
        services.Configure<CookieTempDataProviderOptions>(options => HostOnly(options.Cookie, "__Host-TempData"));
        services.PostConfigureAll<CookieAuthenticationOptions>(options =>
        {
            // Identity's other cookies (the two-factor step, external sign-in) as well as any added later.
            var name = options.Cookie.Name ?? "SafeHome." + Guid.NewGuid().ToString("N");
            HostOnly(options.Cookie, name.StartsWith("__Host-", StringComparison.Ordinal) ? name : "__Host-" + name.TrimStart('.'));
        });

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "__Host-SafeHome";
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.Path = "/";
            options.ExpireTimeSpan = session.IdleTimeout;
            options.SlidingExpiration = true;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = async context =>
                {
                    var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                    if (!context.Properties.Items.TryGetValue(SafeHomeSignInManager.SignedInAtKey, out var value)
                        || !long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                        || clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds) > session.AbsoluteLifetime)
                    {
                        context.RejectPrincipal();
                        return;
                    }

                    // Checked on every request rather than through SecurityStampValidator's interval, so sign-out,
                    // deactivation, role changes and password resets end every other session at once.
                    var signIn = (SafeHomeSignInManager)context.HttpContext.RequestServices.GetRequiredService<SignInManager<SafeHomeUser>>();
                    if (!await signIn.IsSessionCurrentAsync(context.Principal))
                    {
                        context.RejectPrincipal();
                    }
                },
                OnCheckSlidingExpiration = SignedOutForms.CheckSlidingExpiration,
                OnRedirectToLogin = SignedOutForms.RedirectToLogin,

                // A forbidden request answers 403 with the friendly status page rather than a redirect, so a
                // refused POST cannot look like success to the browser or to a test.
                OnRedirectToAccessDenied = async context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    var audit = context.HttpContext.RequestServices.GetRequiredService<AuditLog>();
                    await audit.RecordAsync(AuditActions.AccessDenied, "Page", context.Request.Path.Value ?? string.Empty);
                },
            };
        });
    }

    private static void HostOnly(CookieBuilder cookie, string name)
    {
        cookie.Name = name;
        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.HttpOnly = true;
        cookie.Path = "/";
        cookie.Domain = null;
    }

    private static void AddAuthorization(IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Director, p => p.RequireRole(Roles.ProgramDirector))
            .AddPolicy(Policies.Auditor, p => p.RequireRole(Roles.Auditor))
            .AddPolicy(Policies.Counselor, p => p.RequireRole(Roles.Counselor))
            .AddPolicy(Policies.CaseReader, p => p.RequireRole(Policies.CaseReaderRoles))
            .AddPolicy(Policies.CaseWriter, p => p.RequireRole(Policies.CaseWriterRoles))
            .AddPolicy(Policies.ReportReader, p => p.RequireRole(Policies.ReportReaderRoles))
            .AddPolicy(Policies.AccountChangeReader, p => p.RequireRole(Policies.ReportReaderRoles));

    public static WebApplication UseSafeHome(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // First, so everything after it (HSTS, links, the sign-in throttle) sees the client as the proxy reported it.
        app.UseForwardedHeaders();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        app.UseSecurityHeaders();

        // Every cookie any component appends leaves Secure and HttpOnly, whatever its own options say.
        app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.Always, HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always });
        if (!app.Services.GetRequiredService<WebOptions>().Serve)
        {
            // A job-only node: jobs run in the background, and the port shows nothing, not even a sign-in page.
            app.Run(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });

            // Never reached; called so the host does not add its own authentication and authorization in front of the
            // pipeline, whose fallback policy would answer with a redirect to a sign-in page this node does not have.
            app.UseAuthentication();
            app.UseAuthorization();
            return app;
        }

        app.UseStaticFiles();
        app.UseRouting();
        app.UseOneConnectionPerRequest();
        app.UseMiddleware<FormDecodingMiddleware>();
        app.UseAuthentication();
        app.UseMfaEnrolment();
        app.UseAuthorization();
        app.MapRazorPages();
        app.UseSafeHomeJobs();
        return app;
    }
}
