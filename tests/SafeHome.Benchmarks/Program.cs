// How to run (from the repository root):
//
//   End to end, the target (2,000 residents over 10 years; the whole outcome report in under 15 s with under
//   500 MB peak): seeds a synthetic program into a temporary SQLite file (seeding is not measured), then for the year
//   2025 and for 2025 Q4 runs exactly what the report job does (load, compute, lay out the PDF) once to warm up and
//   5 times measured, each period in a fresh process, and prints min/median/max per stage, pages, peak memory and
//   PASS/FAIL. Exit code 0 when every target is met.
//     dotnet run -c Release --project tests/SafeHome.Benchmarks -- report-e2e [--runs 5] [--keep]
//   --keep leaves the seeded database in place and prints its path; reuse it (or seed a file of your choosing when
//   it does not exist yet) with
//     dotnet run -c Release --project tests/SafeHome.Benchmarks -- report-e2e --db /tmp/safehome-synthetic.db
//
//   --verbose also prints every metric's value, numerator and denominator.
//
//   BenchmarkDotNet: the PDF layer against raw SkiaSharp and Chromium, as before, and the report's stages (load,
//   build, render, end to end) over the synthetic program; set SAFEHOME_BENCH_DB to a seeded file (from --keep above),
//   or each benchmark process seeds its own (about 35 s):
//     dotnet run -c Release --project tests/SafeHome.Benchmarks -- --filter '*PdfRenderBenchmarks*'
//     SAFEHOME_BENCH_DB=/tmp/safehome-synthetic.db dotnet run -c Release --project tests/SafeHome.Benchmarks -- --filter '*OutcomeReportBenchmarks*'
//   Sign-in: refused sign-ins for an email with an account, one without and a deactivated account, interleaved
//   through the real app, medians side by side (issue 15; the equal work itself is tested by counting hasher calls):
//     dotnet run -c Release --project tests/SafeHome.Benchmarks -- sign-in [--runs 200]
//   Audit group commit: views/s with 32 concurrent recorders, one commit per view vs group commit (issue 16):
//     dotnet run -c Release --project tests/SafeHome.Benchmarks -- audit-bench [--seconds 10] [--recorders 32]
//   verify-audit on a 500,000-entry chain, the old paged verifier against the streaming one (issue 16 item 4):
//     dotnet run -c Release --project tests/SafeHome.Benchmarks -- verify-bench [--entries 500000] [--runs 3] [--keep]
//   Language guidance (issue 20): a 10,000-character note of the language corpus's prose checked against the full
//   seeded lexicon, on the server and in Chromium (note-hints.js), medians beside a one-regex baseline:
//     dotnet run -c Release --project tests/SafeHome.Benchmarks -- language-bench [--runs 200]
//   Case pages under load (issue 16): seeds a 2,000-resident, 10-year program with longer stays than report-e2e's (six
//   months to 2.5 years) through the app's own services (every insert audited and chained, fields encrypted), picks an
//   in-care resident closest to 80 notes / 21 episodes / 3 plan versions, files ~100,000 view entries under them, puts
//   15 residents on one counselor's caseload, runs the alert jobs once and checks the chain with `verify-audit` (seeding
//   takes minutes and is not measured). Then starts SafeHome (src/SafeHome.Web/bin/Release) and the plain Razor Pages
//   template (tests/SafeHome.Benchmarks.Template) as processes of their own, Production, signs in as counselor, director
//   and auditor (password + TOTP), and drives each case page with 32 connections for --seconds (default 10, after a 2 s
//   warm-up), the template page right before each. Prints req/s, p50/p95/p99, errors (only 200 counts), the share of
//   the template's req/s, the app's RSS (sampled VmRSS and VmHWM from /proc) and PASS/FAIL against the targets
//   (share >= 10 %, p95 < 25 ms, RSS < 400 MB); exit code 0 when all pass. Build first (the servers run from their own
//   bin folders): dotnet build SafeHome.sln -c Release
//     dotnet run -c Release --project tests/SafeHome.Benchmarks -- page-bench [--seconds 10] [--warmup 2] [--json FILE] [--keep] [--only PAGE-NAME-PART] [--no-template] [--prewarm 30] [--app-env K=V]
//   --keep leaves the seeded data folder and prints its path; --db-folder PATH reuses it (or seeds it when empty):
//     dotnet run -c Release --project tests/SafeHome.Benchmarks -- page-bench --db-folder /tmp/safehome-pages --json pages.json
//   --web-dll PATH runs another build of the app (e.g. a worktree of an earlier commit) on the same folder, so two
//   builds can be compared in alternating runs on the same machine.
//   --app-env KEY=VALUE (repeatable) sets an environment variable on the SafeHome process only, e.g. to compare GC
//   settings without rebuilding: --app-env DOTNET_gcServer=0
//   Several nodes (issue 17): the resident overview and the notes list on SQLite (one node, the baseline), on PostgreSQL
//   with one node and with two nodes sharing the load round-robin, in one run, as ratios to SQLite. Seeds the same
//   program as page-bench into the SQLite folder (or reuses page-bench's) and into a database safehome_bench on the
//   server (its keys in PATH/postgres); both nodes share that folder's keys, as the README says nodes must:
//     dotnet run -c Release --project tests/SafeHome.Benchmarks -- cluster-bench --postgres "Host=/tmp/pg;Username=postgres" [--db-folder PATH] [--seconds 10] [--json FILE]
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

if (args.Length > 0 && args[0] == "sign-in")
{
    return await SafeHome.Benchmarks.SignInTiming.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "audit-bench")
{
    return await SafeHome.Benchmarks.AuditBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "verify-bench")
{
    return await SafeHome.Benchmarks.VerifyBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "language-bench")
{
    return await SafeHome.Benchmarks.LanguageBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "page-bench")
{
    return await SafeHome.Benchmarks.PageBench.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "cluster-bench")
{
    return await SafeHome.Benchmarks.PageBench.RunClusterAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "report-e2e")
{
    return await SafeHome.Benchmarks.ReportEndToEnd.RunAsync(args[1..]);
}

// Results go under bin/ so a run leaves nothing at the repository root.
var config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(SafeHome.Benchmarks.PdfRenderBenchmarks).Assembly).Run(args, config);
return 0;
