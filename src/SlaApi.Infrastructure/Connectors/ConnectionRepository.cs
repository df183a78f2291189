using SlaApi.Application.Connectors;
using SlaApi.Domain.Connectors;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Connectors;

public sealed class ConnectionRepository(SessionQueries db) : IConnectionRepository
{
    private const string Columns = """
        c.id, v.version, c.kind, c.token, v.name, v.source, v.secret, v.key_url_hosts, v.mapping, c.created_at, v.created_at AS version_created_at
        """;

    private const string GetSql = $"""
        SELECT {Columns}
        FROM connections c JOIN connection_versions v ON v.connection_id = c.id AND v.version = c.current_version
        WHERE c.id = @Id AND c.deleted_at IS NULL
        """;

    private const string ListSql = $"""
        SELECT {Columns}
        FROM connections c JOIN connection_versions v ON v.connection_id = c.id AND v.version = c.current_version
        WHERE c.deleted_at IS NULL
        ORDER BY c.created_at, c.id
        """;

    private const string InsertRootSql = """
        INSERT INTO connections (id, kind, token, current_version, created_at, deleted_at) VALUES (@Id, @Kind, @Token, 1, @CreatedAt, NULL)
        """;

    private const string InsertVersionSql = """
        INSERT INTO connection_versions (connection_id, version, name, source, secret, key_url_hosts, mapping, created_at)
        VALUES (@Id, @Version, @Name, @Source, @Secret, @KeyUrlHosts, @Mapping, @VersionCreatedAt)
        """;

    private const string DeleteSql = "UPDATE connections SET deleted_at = @Now WHERE id = @Id AND deleted_at IS NULL";

    public Task AddAsync(Connection connection, CancellationToken ct) =>
        db.AddFirstVersionAsync(InsertRootSql, InsertVersionSql, ConnectionRow.From(connection), ct);

    public async Task<Connection?> GetAsync(Guid id, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<ConnectionRow>(GetSql, new { Id = id }, ct))?.ToDomain();

    public async Task<IReadOnlyList<Connection>> ListAsync(CancellationToken ct) =>
        (await db.QueryAsync<ConnectionRow>(ListSql, null, ct)).Select(r => r.ToDomain()).ToArray();

    public Task<bool> AddVersionAsync(Connection revised, CancellationToken ct) =>
        db.AddNextVersionAsync("connections", revised.Id, revised.Version, InsertVersionSql, ConnectionRow.From(revised), ct);

    public async Task<bool> DeleteAsync(Guid id, DateTimeOffset now, CancellationToken ct) =>
        await db.ExecuteAsync(DeleteSql, new { Id = id, Now = now }, ct) == 1;

    private sealed class ConnectionRow
    {
        public Guid Id { get; init; }

        public int Version { get; init; }

        public string Kind { get; init; } = "";

        public string Token { get; init; } = "";

        public string Name { get; init; } = "";

        public string Source { get; init; } = "";

        public string? Secret { get; init; }

        public string KeyUrlHosts { get; init; } = "[]";

        public string Mapping { get; init; } = "{}";

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset VersionCreatedAt { get; init; }

        public static ConnectionRow From(Connection c) => new()
        {
            Id = c.Id, Version = c.Version, Kind = c.Kind.Name(), Token = c.Token, Name = c.Name, Source = c.Source, Secret = c.Secret,
            KeyUrlHosts = JsonColumn.Write(c.KeyUrlHosts), Mapping = JsonColumn.Write(ConnectionMappingDto.From(c.Mapping)),
            CreatedAt = c.CreatedAt, VersionCreatedAt = c.VersionCreatedAt,
        };

        public Connection ToDomain()
        {
            ConnectorKinds.TryParse(Kind, out var kind);
            return Connection.Rehydrate(Id, Version, kind, Token, Name, Source, Secret, JsonColumn.Read<string[]>(KeyUrlHosts),
                JsonColumn.Read<ConnectionMappingDto>(Mapping).ToDomain(), CreatedAt, VersionCreatedAt);
        }
    }
}
