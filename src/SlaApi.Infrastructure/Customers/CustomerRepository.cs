using SlaApi.Application.Common.Paging;
using SlaApi.Application.Customers;
using SlaApi.Application.Customers.RegisterCustomer;
using SlaApi.Domain.Customers;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Customers;

public sealed class CustomerRepository(SessionQueries db) : ICustomerRepository
{
    private const string GetSql = "SELECT id, name, created_at FROM customers WHERE id = @Id";

    private const string RefsOfSql = """
        SELECT customer_id, source, external_id FROM customer_external_refs
        WHERE customer_id IN @Ids
        ORDER BY source, external_id
        """;

    private const string HolderSql = "SELECT customer_id FROM customer_external_refs WHERE source = @Source AND external_id = @ExternalId";

    private const string ExistsSql = "SELECT COUNT(*) FROM customers WHERE id = @Id";

    private const string InsertSql = "INSERT INTO customers (id, name, created_at) VALUES (@Id, @Name, @CreatedAt)";

    private const string InsertRefSql = "INSERT INTO customer_external_refs (source, external_id, customer_id) VALUES (@Source, @ExternalId, @CustomerId)";

    private const string CountSql = "SELECT COUNT(*) FROM customers";

    private const string PageSql = $"""
        SELECT id, name, created_at FROM customers
        ORDER BY created_at, id
        {ISqlDialect.PagingMarker}
        """;

    public async Task<Customer?> GetAsync(Guid id, CancellationToken ct)
    {
        var row = await db.QuerySingleOrDefaultAsync<CustomerRow>(GetSql, new { Id = id }, ct);
        return row is null ? null : (await WithRefsAsync([row], ct))[0];
    }

    public async Task<bool> ExistsAsync(Guid id, CancellationToken ct) =>
        await db.QuerySingleOrDefaultAsync<long>(ExistsSql, new { Id = id }, ct) > 0;

    public async Task<Customer?> FindByExternalRefAsync(ExternalRef externalRef, CancellationToken ct)
    {
        var holder = await db.QuerySingleOrDefaultAsync<Guid?>(HolderSql, new { externalRef.Source, ExternalId = externalRef.Id }, ct);
        return holder is { } id ? await GetAsync(id, ct) : null;
    }

    public async Task AddAsync(Customer customer, CancellationToken ct)
    {
        await db.ExecuteAsync(InsertSql, new { customer.Id, customer.Name, customer.CreatedAt }, ct);
        foreach (var externalRef in customer.ExternalRefs)
        {
            try
            {
                await db.ExecuteAsync(InsertRefSql, new { externalRef.Source, ExternalId = externalRef.Id, CustomerId = customer.Id }, ct);
            }
            catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
            {
                // Another registration took the reference between our check and this insert.
                throw RegisterCustomerHandler.ExternalRefTaken(externalRef, null);
            }
        }
    }

    public async Task<Page<Customer>> ListAsync(PageRequest page, CancellationToken ct)
    {
        var rows = await db.PageAsync<CustomerRow>(CountSql, PageSql, page, ct);
        return new Page<Customer>(await WithRefsAsync(rows.Items, ct), rows.PageNumber, rows.PageSize, rows.TotalItems);
    }

    private async Task<IReadOnlyList<Customer>> WithRefsAsync(IReadOnlyList<CustomerRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return [];
        var refs = (await db.QueryAsync<RefRow>(RefsOfSql, new { Ids = rows.Select(r => r.Id).ToArray() }, ct))
            .ToLookup(r => r.CustomerId, r => new ExternalRef(r.Source, r.ExternalId));
        return rows.Select(r => Customer.Rehydrate(r.Id, r.Name, refs[r.Id].ToArray(), r.CreatedAt)).ToArray();
    }

    private sealed class CustomerRow
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public DateTimeOffset CreatedAt { get; init; }
    }

    private sealed class RefRow
    {
        public Guid CustomerId { get; init; }

        public string Source { get; init; } = "";

        public string ExternalId { get; init; } = "";
    }
}
