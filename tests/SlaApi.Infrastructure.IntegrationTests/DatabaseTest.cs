using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SlaApi.TestSupport;

namespace SlaApi.Infrastructure.IntegrationTests;

/// <summary>Runs the fixture once per engine against a migrated database of its own, emptied before each test.</summary>
[TestFixtureSource(typeof(TestEngines), nameof(TestEngines.All))]
public abstract class DatabaseTest(TestEngine engine)
{
    private ServiceProvider? _services;
    private AsyncServiceScope _scope;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    protected TestDatabase Database { get; private set; } = null!;

    protected TestEngine Engine => engine;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        Database = await TestDatabase.CreateMigratedAsync(engine);
        _services = TestServices.For(Database, Time);
    }

    [OneTimeTearDown]
    public async Task DisposeServices()
    {
        if (_services is not null)
            await _services.DisposeAsync();
    }

    [SetUp]
    public async Task ResetDatabase()
    {
        await Database.ResetAsync();
        _scope = _services!.CreateAsyncScope();
    }

    [TearDown]
    public async Task EndScope() => await _scope.DisposeAsync();

    protected T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>A second, independent request scope, as a concurrent request would have.</summary>
    protected AsyncServiceScope NewScope() => _services!.CreateAsyncScope();
}
