using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using EFCore.DynamoDb.Benchmarks.Infrastructure;
using EFCore.DynamoDb.Benchmarks.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EFCore.DynamoDb.Benchmarks;

/// <summary>
///     Not part of the comparison (run with <c>--mode breakdown</c>): splits the EF point read over recorded responses
///     into its parts, to show where EF's time goes: DbContext creation and disposal, the query (LINQ to a cached
///     plan), and the provider's execution, with the usual ways apps cut each (pooling, compiled queries).
/// </summary>
[MemoryDiagnoser]
public class EfOverheadBreakdown
{
    // Per instance: a compiled query is bound to one model, and each setup builds its own options.
    private readonly Func<BenchContext, string, string, Task<ForumThread?>> CompiledPointRead =
        EF.CompileAsyncQuery((BenchContext c, string forum, string subject)
            => c.Threads.AsNoTracking().FirstOrDefault(t => t.ForumName == forum && t.Subject == subject));

    private readonly string _forum = DataSet.QueryForum;
    private readonly string _subject = DataSet.PointSubject;
    private Workloads _workloads = null!;
    private DbContextOptions<BenchContext> _options = null!;
    private DbContextOptions<BenchContext> _nullLoggerOptions = null!;
    private PooledDbContextFactory<BenchContext> _pool = null!;
    private DbContextOptions<InMemoryFloorContext> _inMemoryOptions = null!;
    private InMemoryFloorContext _inMemoryLongLived = null!;
    private BenchContext _longLived = null!;
    private int _shape;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _workloads = new RecordedResponses();
        await _workloads.SetupAsync();
        _options = _workloads.Layers.ReadOptions;
        _nullLoggerOptions = new DbContextOptionsBuilder<BenchContext>(_options).UseLoggerFactory(NullLoggerFactory.Instance).Options;
        _pool = new PooledDbContextFactory<BenchContext>(_options);
        _longLived = new BenchContext(_options);
        // Configured like the EF rows (no logger factory: EF then makes one per context), so the floor costs what theirs does.
        _inMemoryOptions = new DbContextOptionsBuilder<InMemoryFloorContext>()
            .UseInMemoryDatabase("EfOverheadBreakdown")
            .Options;
        await using (var floor = new InMemoryFloorContext(_inMemoryOptions))
        {
            floor.Threads.Add(DataSet.Thread(_forum, _subject, 1));
            await floor.SaveChangesAsync();
        }

        _inMemoryLongLived = new InMemoryFloorContext(_inMemoryOptions);

        await PointRead_LongLivedContext();
        await PointRead_Compiled();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _longLived.Dispose();
        _inMemoryLongLived.Dispose();
        _workloads.Cleanup();
    }

    [Benchmark(Baseline = true)]
    public Task<ForumThread?> PointRead_Raw() => _workloads.PointRead_Raw();

    [Benchmark]
    public Task<ForumThread?> PointRead_EfNoTracking() => _workloads.PointRead_EfNoTracking();

    /// <summary>
    ///     The same point read (new context, AsNoTracking, FirstOrDefaultAsync) on EF's in-memory provider: what EF Core costs
    ///     before any provider does any work. The gap between this and <see cref="PointRead_Raw" /> is not the provider's.
    /// </summary>
    [Benchmark]
    public async Task<ForumThread?> PointRead_EfInMemoryFloor()
    {
        await using var context = new InMemoryFloorContext(_inMemoryOptions);
        return await context.Threads.AsNoTracking().FirstOrDefaultAsync(t => t.ForumName == _forum && t.Subject == _subject);
    }

    /// <summary>The in-memory floor without the context: EF's LINQ pipeline and execution on a long-lived context.</summary>
    [Benchmark]
    public Task<ForumThread?> PointRead_EfInMemoryFloorLongLived()
        => _inMemoryLongLived.Threads.AsNoTracking().FirstOrDefaultAsync(t => t.ForumName == _forum && t.Subject == _subject);

    /// <summary>Only the DbContext: create, first service resolution (what any query does first), dispose.</summary>
    [Benchmark]
    public async Task<int> ContextOnly()
    {
        await using var context = new BenchContext(_options);
        return context.Threads.EntityType.GetHashCode();
    }

    [Benchmark]
    public async Task<int> ContextOnly_NullLoggerFactory()
    {
        await using var context = new BenchContext(_nullLoggerOptions);
        return context.Threads.EntityType.GetHashCode();
    }

    [Benchmark]
    public async Task<int> ContextOnly_Pooled()
    {
        await using var context = _pool.CreateDbContext();
        return context.Threads.EntityType.GetHashCode();
    }

    /// <summary>The query without any context cost: one context for all calls.</summary>
    [Benchmark]
    public Task<ForumThread?> PointRead_LongLivedContext()
        => _longLived.Threads.AsNoTracking().FirstOrDefaultAsync(t => t.ForumName == _forum && t.Subject == _subject);

    [Benchmark]
    public async Task<ForumThread?> PointRead_Pooled()
    {
        await using var context = _pool.CreateDbContext();
        return await context.Threads.AsNoTracking().FirstOrDefaultAsync(t => t.ForumName == _forum && t.Subject == _subject);
    }

    /// <summary>
    ///     The first call of a query shape: every call has a new constant, so EF translates and compiles the query each time
    ///     (the point read plus a condition checked on the item, which the provider answers with the same GetItem).
    /// </summary>
    [Benchmark]
    public Task<ForumThread?> PointRead_FirstCall()
    {
        var parameter = Expression.Parameter(typeof(ForumThread), "t");
        var body = Expression.AndAlso(
            Expression.AndAlso(
                Expression.Equal(Expression.Property(parameter, nameof(ForumThread.ForumName)), Expression.Constant(_forum)),
                Expression.Equal(Expression.Property(parameter, nameof(ForumThread.Subject)), Expression.Constant(_subject))),
            Expression.GreaterThanOrEqual(
                Expression.Property(parameter, nameof(ForumThread.Views)), Expression.Constant(-Interlocked.Increment(ref _shape))));
        return _longLived.Threads.AsNoTracking().FirstOrDefaultAsync(Expression.Lambda<Func<ForumThread, bool>>(body, parameter));
    }

    /// <summary>The same query shape again: EF finds it in its query cache and only binds the parameters.</summary>
    [Benchmark]
    public Task<ForumThread?> PointRead_CachedCall()
    {
        var minimum = -1;
        return _longLived.Threads.AsNoTracking()
            .FirstOrDefaultAsync(t => t.ForumName == _forum && t.Subject == _subject && t.Views >= minimum);
    }

    /// <summary>Compiled query on a long-lived context: no expression tree, no query cache lookup, no context.</summary>
    [Benchmark]
    public Task<ForumThread?> PointRead_Compiled() => CompiledPointRead(_longLived, _forum, _subject);

    /// <summary>
    ///     EF's floor (<see cref="PointRead_EfInMemoryFloor" />) and then the raw GetItem, in one call: no provider code, yet it
    ///     costs more than the provider's whole point read (<see cref="PointRead_EfNoTracking" />), so the gap between the EF
    ///     point read and the sum of EF's floor and the raw call is EF and the SDK running together, not the provider.
    /// </summary>
    [Benchmark]
    public async Task<ForumThread?> InMemoryFloorThenRaw()
    {
        await PointRead_EfInMemoryFloor();
        return await _workloads.PointRead_Raw();
    }

    /// <summary>The same on a long-lived context: compare with <see cref="PointRead_LongLivedContext" />.</summary>
    [Benchmark]
    public async Task<ForumThread?> InMemoryFloorLongLivedThenRaw()
    {
        await PointRead_EfInMemoryFloorLongLived();
        return await _workloads.PointRead_Raw();
    }

    /// <summary>
    ///     Only EF's parameter extraction (the funcletizer every LINQ execution runs before its cache lookup) on the in-memory
    ///     context: no provider, no request.
    /// </summary>
    [Benchmark]
    public Task<int> EfParameterExtractionOnly() => Task.FromResult(ExtractPointReadParameters());

    /// <summary>
    ///     <see cref="EfParameterExtractionOnly" /> followed by the raw GetItem: no provider code at all. Measured at 41 μs where
    ///     the parts take 6 and 24 μs, which is how EF's pipeline and the SDK's slow each other down in one call (the same
    ///     gap that separates the LINQ point read from the compiled one), not work the provider does.
    /// </summary>
    [Benchmark]
    public Task<ForumThread?> RawAfterEfParameterExtraction()
    {
        ExtractPointReadParameters();
        return _workloads.PointRead_Raw();
    }

    private int ExtractPointReadParameters()
    {
        // What EntityQueryProvider.ExecuteAsync hands QueryCompiler for FirstOrDefaultAsync(predicate).
        Expression<Func<ForumThread, bool>> predicate = t => t.ForumName == _forum && t.Subject == _subject;
        var query = Expression.Call(
            QueryableMethods.FirstOrDefaultWithPredicate.MakeGenericMethod(typeof(ForumThread)),
            _inMemoryLongLived.Threads.AsNoTracking().Expression,
            Expression.Quote(predicate));
        var services = _inMemoryLongLived.GetInfrastructure();
        var compiler = (QueryCompiler)services.GetRequiredService<IQueryCompiler>();
        var parameters = services.GetRequiredService<IQueryContextFactory>().Create().Parameters;
        compiler.ExtractParameters(query, parameters, services.GetRequiredService<IDiagnosticsLogger<DbLoggerCategory.Query>>());
        return parameters.Count;
    }

    [Benchmark]
    public Task<int> Insert1000_Raw() => _workloads.Insert1000_Raw();

    [Benchmark]
    public Task<int> Insert1000_Ef() => _workloads.Insert1000_Ef();

    /// <summary>Insert 1,000 without the save: what EF's change tracking of 1,000 new entities costs on its own.</summary>
    [Benchmark]
    public async Task<int> Insert1000_AddOnly()
    {
        await using var context = new BenchContext(_workloads.Layers.WriteOptions);
        for (var i = 0; i < 1000; i++)
        {
            context.Threads.Add(DataSet.Thread("AddOnly", DataSet.Subject(i), i));
        }

        return context.ChangeTracker.Entries().Count();
    }

    /// <summary>Insert 1,000 with DetectChanges before the save, so the save itself runs on a clean change tracker.</summary>
    [Benchmark]
    public async Task<int> Insert1000_AddAndDetectChanges()
    {
        await using var context = new BenchContext(_workloads.Layers.WriteOptions);
        for (var i = 0; i < 1000; i++)
        {
            context.Threads.Add(DataSet.Thread("AddOnly", DataSet.Subject(i), i));
        }

        context.ChangeTracker.DetectChanges();
        return 1000;
    }

    /// <summary>
    ///     The same 1,000 inserts, one SaveChangesAsync without a transaction, on EF's in-memory provider: EF Core's own floor
    ///     for tracking, saving and accepting 1,000 new entities (its in-memory store's writes included), before any DynamoDB work.
    /// </summary>
    [Benchmark]
    public async Task<int> Insert1000_EfInMemoryFloor()
    {
        var forum = "Floor-" + Guid.NewGuid().ToString("N");
        await using var context = new InMemoryFloorContext(_inMemoryOptions);
        context.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        for (var i = 0; i < 1000; i++)
        {
            context.Threads.Add(DataSet.Thread(forum, DataSet.Subject(i), i));
        }

        var saved = await context.SaveChangesAsync();
        // Empties the in-memory store (a cheap clear, no tracking), so it does not grow call after call.
        await context.Database.EnsureDeletedAsync();
        return saved;
    }
}
