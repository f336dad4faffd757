using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Forum;

/// <summary>What the walkthrough found, so a test can check it.</summary>
public sealed record WalkthroughResult(
    bool Created,
    string FoundSubject,
    IReadOnlyList<string> HowToSubjects,
    IReadOnlyList<string> HelpThreadsInCategory,
    IReadOnlyList<int> ViewsDescending,
    int PagedThreadCount,
    int PageCount,
    bool ConflictCaught,
    long FinalVersion,
    int ThreadsAfterDelete,
    IReadOnlyList<string> Operations);

/// <summary>
///     The PynamoDB tutorial's story with EFCore.DynamoDb: create the Thread table, add threads, read them every way DynamoDB
///     offers, update with optimistic locking and delete. Each step prints the DynamoDB operation it used.
/// </summary>
public sealed class ForumWalkthrough(IServiceProvider services, RequestRecorder recorder, TextWriter output)
{
    private readonly List<string> _operations = [];

    public async Task<WalkthroughResult> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<ForumContext>();

        var created = await Step("Create the Thread table (1 read / 1 write unit) and wait until it is ACTIVE",
            () => context.Database.EnsureCreatedAsync(cancellationToken), c => c ? "created" : "already there");

        await Step("Add threads: one SaveChangesAsync, one transaction", async () =>
        {
            var now = new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc);
            context.Threads.AddRange(
                new Thread { ForumName = "Amazon DynamoDB", Subject = "How do I create a table?", Views = 120, Category = "help", Tags = ["tables", "howto"], LastPostDateTime = now },
                new Thread { ForumName = "Amazon DynamoDB", Subject = "How do I query an index?", Views = 80, Category = "help", Tags = ["indexes", "howto"], LastPostDateTime = now.AddHours(-3) },
                new Thread { ForumName = "Amazon DynamoDB", Subject = "Announcing TTL", Views = 300, Category = "news", Tags = ["ttl"], LastPostDateTime = now.AddDays(-1) },
                new Thread { ForumName = "Amazon DynamoDB", Subject = "Paging with tokens", Views = 45, Category = "help", Tags = ["paging"], LastPostDateTime = now.AddDays(-2) },
                new Thread { ForumName = "Amazon S3", Subject = "How do I make a bucket?", Views = 200, Category = "help", Tags = ["buckets", "howto"], LastPostDateTime = now.AddHours(-1) });
            var written = await context.SaveChangesAsync(cancellationToken);

            // Forget the tracked copies, so the reads below go to DynamoDB rather than to the change tracker.
            context.ChangeTracker.Clear();
            return written;
        }, n => $"{n} threads written");

        var found = await Step("Get one thread by its full key",
            async () => (await context.Threads.FindAsync(["Amazon DynamoDB", "How do I create a table?"], cancellationToken))!,
            t => $"'{t.Subject}' has {t.Views} views, version {t.Version}");

        var howTo = await Step("Query one forum with a sort key condition (Subject begins with 'How')",
            () => context.Threads.AsNoTracking()
                .Where(t => t.ForumName == "Amazon DynamoDB" && t.Subject.StartsWith("How"))
                .Select(t => t.Subject)
                .ToListAsync(cancellationToken),
            s => string.Join(", ", s));

        var since = new DateTime(2024, 5, 31, 0, 0, 0, DateTimeKind.Utc);
        var help = await Step("Query the ByCategory global index: help threads active since May 31",
            () => context.Threads.AsNoTracking()
                .Where(t => t.Category == "help" && t.LastPostDateTime > since)
                .OrderByDescending(t => t.LastPostDateTime)
                .Select(t => t.ForumName + ": " + t.Subject)
                .ToListAsync(cancellationToken),
            s => string.Join("; ", s));

        var views = await Step("Query the ByViews local index: one forum's threads, most viewed first",
            () => context.Threads.AsNoTracking()
                .Where(t => t.ForumName == "Amazon DynamoDB")
                .OrderByDescending(t => t.Views)
                .Select(t => t.Views)
                .ToListAsync(cancellationToken),
            v => string.Join(", ", v));

        var (pagedCount, pages) = await Step("Page through every thread, 2 at a time, with continuation tokens", async () =>
        {
            var count = 0;
            var pageCount = 0;
            string? token = null;
            do
            {
                DynamoDbPage<Thread> page = await context.Threads.AsNoTracking().ToPageAsync(2, token, cancellationToken);
                count += page.Values.Count;
                pageCount++;
                token = page.ContinuationToken;
            }
            while (token != null);

            return (count, pageCount);
        }, r => $"{r.count} threads in {r.pageCount} pages");

        var conflict = await Step("Update with optimistic locking; a second, stale copy is refused", async () =>
        {
            await using var otherScope = services.CreateAsyncScope();
            var other = otherScope.ServiceProvider.GetRequiredService<ForumContext>();
            var stale = await other.Threads.FindAsync(["Amazon DynamoDB", "How do I create a table?"], cancellationToken);

            found.Views++;
            found.Replies++;
            await context.SaveChangesAsync(cancellationToken);

            stale!.Answered = 1;
            try
            {
                await other.SaveChangesAsync(cancellationToken);
                return false;
            }
            catch (DbUpdateConcurrencyException exception)
            {
                output.WriteLine($"      caught {nameof(DbUpdateConcurrencyException)} for {exception.Entries.Count} entry: the version moved on");
                return true;
            }
        }, caught => caught ? $"first update won (version {found.Version}), the stale one was refused" : "no conflict?");

        var remaining = await Step("Delete a thread, then count what is left in the forum", async () =>
        {
            context.Threads.Remove(await context.Threads.SingleAsync(t => t.ForumName == "Amazon DynamoDB" && t.Subject == "Paging with tokens", cancellationToken));
            await context.SaveChangesAsync(cancellationToken);
            return await context.Threads.CountAsync(t => t.ForumName == "Amazon DynamoDB", cancellationToken);
        }, n => $"{n} threads left in 'Amazon DynamoDB'");

        return new WalkthroughResult(
            created, found.Subject, howTo, help, views, pagedCount, pages, conflict, found.Version, remaining, _operations);
    }

    private async Task<T> Step<T>(string title, Func<Task<T>> action, Func<T, string> describe)
    {
        recorder.Take();
        output.WriteLine($"* {title}");
        var result = await action();
        var operations = recorder.Take();
        _operations.AddRange(operations);
        output.WriteLine($"    {describe(result)}");
        output.WriteLine($"    DynamoDB: {(operations.Count == 0 ? "(no request: answered from the change tracker)" : string.Join(", ", operations.Distinct()))}");
        return result;
    }
}
