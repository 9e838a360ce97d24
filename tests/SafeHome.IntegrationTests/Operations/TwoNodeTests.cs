using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.IntegrationTests.Pages.Residents;

namespace SafeHome.IntegrationTests.Operations;

/// Issue 17: two app hosts on one PostgreSQL database, sharing only what the README says nodes share, written to at
/// the same moment the way a load balancer spreads one home's work: the database, not the node, decides who wins, and
/// the history stays one verifiable chain.
public sealed class TwoNodeTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private static readonly Uri Https = new("https://localhost");

    [Fact]
    public async Task Conflicting_edits_through_two_nodes_at_once_give_one_save_and_one_conflict_that_keeps_the_typing()
    {
        var (a, b) = await StartNodesAsync();
        await using var _ = a;
        await using var __ = b;
        var (counselor, onA) = await a.SignInNewAsync(Roles.Counselor);
        var (_, onB) = await b.SignInNewAsync(Roles.ProgramDirector);
        var id = await a.CreateResidentAsync(counselor.Id, "Original Example");
        var formA = await onA.GetDocumentAsync($"/Residents/Edit/{id}");
        var formB = await onB.GetDocumentAsync($"/Residents/Edit/{id}");

        var answers = await Task.WhenAll(
            onA.SubmitFormAsync(formA, $"/Residents/Edit/{id}", new() { ["Input.PreferredName"] = "Through Anodea" }),
            onB.SubmitFormAsync(formB, $"/Residents/Edit/{id}", new() { ["Input.PreferredName"] = "Through Bnodea" }));

        var saved = answers.Where(r => r.StatusCode == HttpStatusCode.Redirect).ToList();
        var refused = answers.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Single(saved);
        Assert.Single(refused);
        var page = await HtmlForms.ParseAsync(refused[0]);
        Assert.NotNull(page.QuerySelector("#conflict"));
        var resident = await b.WithDbAsync(db => db.Residents.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(1, resident.Version);

        // The loser's typing is still in the form, and the name stored is the winner's, never a mix.
        var typed = page.QuerySelector("#Input_PreferredName")!.GetAttribute("value");
        Assert.True(typed is "Through Anodea" or "Through Bnodea", typed);
        Assert.NotEqual(typed, resident.PreferredName);
    }

    [Fact]
    public async Task Concurrent_admissions_through_both_nodes_all_save_and_leave_one_chain_that_verifies_from_either()
    {
        const int PerNode = 8;
        var (a, b) = await StartNodesAsync();
        await using var _ = a;
        await using var __ = b;
        var director = await a.CreateStaffAsync(Roles.ProgramDirector);
        var jar = new CookieContainer();
        using var signIn = a.CreateDefaultClient(Https, new CookieContainerHandler(jar));
        await a.SignInAsync(director, signIn);
        var before = await a.WithDbAsync(db => db.AuditEntries.LongCountAsync());

        // One director's session (one cookie), its intake forms posted eight at a time to each node.
        var posts = new[] { a, b }.SelectMany(node => Enumerable.Range(0, PerNode).Select(async i =>
        {
            using var browser = node.CreateDefaultClient(Https, new CookieContainerHandler(jar));
            var fields = CaseloadIsolationTests.ValidIntake(node, null);
            fields["Input.PreferredName"] = $"Concurrenta {(node == a ? "A" : "B")}{i}";
            return await browser.SubmitFormAsync("/Residents/Intake", fields);
        }));
        var answers = await Task.WhenAll(posts);

        Assert.All(answers, r => r.AssertRedirectTo("/Residents/Details/"));
        Assert.Equal(2 * PerNode, await b.WithDbAsync(db => db.Residents.CountAsync()));
        foreach (var node in new[] { a, b })
        {
            await using var scope = node.Services.CreateAsyncScope();
            var report = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(IntegrityCheckSource.Command, null);
            Assert.True(report.Intact, report.Message);
        }

        // Gapless: the sequences written by both nodes are exactly 1..N, each once.
        var sequences = await a.WithDbAsync(db => db.AuditEntries.Select(e => e.Sequence).OrderBy(s => s).ToListAsync());
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(n => (long)n), sequences);
        Assert.True(sequences.Count >= before + (2 * PerNode), $"{sequences.Count} entries after {2 * PerNode} admissions (from {before})");
    }

    // Two nodes installed apart (each its own data folder and checkpoint file) sharing the database and the node
    // secrets (audit key, field keys, key ring protection key), as the README's several-nodes section says.
    private async Task<(SafeHomeApp A, SafeHomeApp B)> StartNodesAsync()
    {
        var database = await cluster.CreateDatabaseAsync();
        var shared = SafeHomeApp.NodeSecrets();
        var nodes = new SafeHomeApp[2];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new SafeHomeApp(postgres: database);
            foreach (var (key, value) in shared)
            {
                nodes[i].Settings[key] = value;
            }

            await nodes[i].InitializeAsync();
        }

        return (nodes[0], nodes[1]);
    }
}
