using SlaApi.Application.Access;
using SlaApi.Domain.Access;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Access;

public sealed class ApiKeyRepository(SessionQueries db) : IApiKeyRepository
{
    public const string BootstrapClaimColumns = "name, claimed_at";
    public const string BootstrapClaimValues = "@Name, @ClaimedAt";

    private readonly string _claimBootstrapSql = db.Dialect.InsertIfAbsentSql("bootstrap_claims", BootstrapClaimColumns, BootstrapClaimValues, "name");

    private const string Columns = "id, name, prefix, secret_hash, scopes, customer_id, created_at, expires_at, last_used_at, revoked_at";

    private const string GetSql = $"SELECT {Columns} FROM api_keys WHERE id = @Id";

    private const string ByPrefixSql = $"SELECT {Columns} FROM api_keys WHERE prefix = @Prefix";

    private const string ListSql = $"SELECT {Columns} FROM api_keys ORDER BY created_at, id";

    private const string CountSql = "SELECT COUNT(*) FROM api_keys";

    private const string InsertSql = $"""
        INSERT INTO api_keys ({Columns})
        VALUES (@Id, @Name, @Prefix, @SecretHash, @Scopes, @CustomerId, @CreatedAt, @ExpiresAt, @LastUsedAt, @RevokedAt)
        """;

    private const string RevokeSql = "UPDATE api_keys SET revoked_at = @RevokedAt WHERE id = @Id AND revoked_at IS NULL";

    private const string TouchSql = "UPDATE api_keys SET last_used_at = @UsedAt WHERE id = @Id";

    public async Task<ApiKey?> GetAsync(Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<ApiKeyRow>(GetSql, new { Id = id }, ct))?.ToDomain();

    public async Task<ApiKey?> FindByPrefixAsync(string prefix, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<ApiKeyRow>(ByPrefixSql, new { Prefix = prefix }, ct))?.ToDomain();

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct) =>
        (await db.QueryAsync<ApiKeyRow>(ListSql, null, ct)).Select(r => r.ToDomain()).ToArray();

    public async Task<bool> AnyAsync(CancellationToken ct) => await db.QuerySingleOrDefaultAsync<long>(CountSql, null, ct) > 0;

    public async Task<bool> TryClaimBootstrapAsync(DateTimeOffset at, CancellationToken ct) =>
        await db.ExecuteAsync(_claimBootstrapSql, new { Name = "admin-key", ClaimedAt = at }, ct) == 1;

    public Task AddAsync(ApiKey key, CancellationToken ct) => db.ExecuteAsync(InsertSql, ApiKeyRow.From(key), ct);

    public Task RevokeAsync(ApiKey key, CancellationToken ct) => db.ExecuteAsync(RevokeSql, new { key.Id, key.RevokedAt }, ct);

    public Task TouchAsync(Guid id, DateTimeOffset usedAt, CancellationToken ct) => db.ExecuteAsync(TouchSql, new { Id = id, UsedAt = usedAt }, ct);

    private sealed class ApiKeyRow
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public string Prefix { get; init; } = "";

        public byte[] SecretHash { get; init; } = [];

        public string Scopes { get; init; } = "";

        public Guid? CustomerId { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset? ExpiresAt { get; init; }

        public DateTimeOffset? LastUsedAt { get; init; }

        public DateTimeOffset? RevokedAt { get; init; }

        public static ApiKeyRow From(ApiKey key) => new()
        {
            Id = key.Id,
            Name = key.Name,
            Prefix = key.Prefix,
            SecretHash = key.SecretHash,
            Scopes = JsonColumn.Write(key.Scopes),
            CustomerId = key.CustomerId,
            CreatedAt = key.CreatedAt,
            ExpiresAt = key.ExpiresAt,
            LastUsedAt = key.LastUsedAt,
            RevokedAt = key.RevokedAt,
        };

        public ApiKey ToDomain() => ApiKey.Rehydrate(
            Id, Name, Prefix, SecretHash, JsonColumn.Read<string[]>(Scopes), CustomerId, CreatedAt, ExpiresAt, LastUsedAt, RevokedAt);
    }
}
