using SlaApi.Application.Agreements;
using SlaApi.Application.Common.Paging;
using SlaApi.Domain.Agreements;
using SlaApi.Infrastructure.Persistence;

namespace SlaApi.Infrastructure.Agreements;

public sealed class AgreementRepository(SessionQueries db) : IAgreementRepository
{
    private const string Columns = """
        a.id, v.version, a.customer_id, v.policy_id, v.name, v.effective_from, v.effective_to, v.renewal_date,
        v.covered_services, v.monthly_fee_amount, v.monthly_fee_currency, v.credit_rules, v.time_zone, v.credit_cap_percent,
        v.response_tier, v.clauses, v.version_effective_from
        """;

    private const string Latest = "JOIN agreement_versions v ON v.agreement_id = a.id AND v.version = a.current_version";

    private const string GetSql = $"""
        SELECT {Columns}
        FROM agreements a
        JOIN agreement_versions v ON v.agreement_id = a.id
        WHERE a.id = @Id AND v.version = COALESCE(@Version, a.current_version)
        """;

    private const string ForCustomerSql = $"""
        SELECT {Columns}
        FROM agreements a
        {Latest}
        WHERE a.customer_id = @CustomerId
        ORDER BY v.effective_from, a.id
        """;

    private const string ExpiringWhere = """
        WHERE (@CustomerId IS NULL OR a.customer_id = @CustomerId)
          AND ((v.effective_to >= @From AND v.effective_to <= @To) OR (v.renewal_date >= @FromDate AND v.renewal_date <= @ToDate))
        """;

    private const string EarliestDate = "CASE WHEN v.renewal_date IS NULL OR v.effective_to < v.renewal_date THEN v.effective_to ELSE v.renewal_date END";

    private const string ExpiringCountSql = $"SELECT COUNT(*) FROM agreements a {Latest} {ExpiringWhere}";

    private const string ExpiringPageSql = $"""
        SELECT {Columns} FROM agreements a {Latest} {ExpiringWhere}
        ORDER BY {EarliestDate}, a.id {ISqlDialect.PagingMarker}
        """;

    private const string RenewalsPageSql = $"""
        SELECT a.id AS agreement_id, v.version, a.customer_id, v.name, v.effective_from, v.effective_to, v.renewal_date,
            v.monthly_fee_amount AS monthly_fee, v.monthly_fee_currency AS currency
        FROM agreements a {Latest} {ExpiringWhere}
        ORDER BY {EarliestDate}, a.id {ISqlDialect.PagingMarker}
        """;

    private const string InsertRootSql = """
        INSERT INTO agreements (id, customer_id, current_version, created_at) VALUES (@Id, @CustomerId, 1, @VersionEffectiveFrom)
        """;

    private const string InsertVersionSql = """
        INSERT INTO agreement_versions (agreement_id, version, policy_id, name, effective_from, effective_to, renewal_date,
            covered_services, monthly_fee_amount, monthly_fee_currency, credit_rules, time_zone, credit_cap_percent, response_tier, clauses,
            version_effective_from)
        VALUES (@Id, @Version, @PolicyId, @Name, @EffectiveFrom, @EffectiveTo, @RenewalDate,
            @CoveredServices, @MonthlyFeeAmount, @MonthlyFeeCurrency, @CreditRules, @TimeZone, @CreditCapPercent, @ResponseTier, @Clauses,
            @VersionEffectiveFrom)
        """;

    private const string CountSql = "SELECT COUNT(*) FROM agreements";

    private const string InForceForCustomerSql = $"""
        SELECT {Columns}
        FROM agreements a
        JOIN agreement_versions v ON v.agreement_id = a.id
        WHERE a.customer_id = @CustomerId
          AND v.version = COALESCE(
              (SELECT MAX(x.version) FROM agreement_versions x WHERE x.agreement_id = a.id AND x.version_effective_from <= @At), 1)
        ORDER BY v.effective_from, a.id
        """;

    private const string InTermSql = $"""
        SELECT {Columns}
        FROM agreements a
        JOIN agreement_versions v ON v.agreement_id = a.id
        WHERE (@CustomerId IS NULL OR a.customer_id = @CustomerId)
          AND v.version = COALESCE(
              (SELECT MAX(x.version) FROM agreement_versions x WHERE x.agreement_id = a.id AND x.version_effective_from < @To), 1)
          AND v.effective_from < @To AND (v.effective_to IS NULL OR v.effective_to > @From)
        ORDER BY a.customer_id, v.effective_from, a.id
        """;

    private const string CountForCustomerSql = "SELECT COUNT(*) FROM agreements WHERE customer_id = @CustomerId";

    private const string LatestVersions = $"""
        SELECT {Columns}
        FROM agreements a
        {Latest}
        """;

    private const string PageOrder = $"""
        ORDER BY a.created_at, a.id
        {ISqlDialect.PagingMarker}
        """;

    private const string PageSql = LatestVersions + "\n" + PageOrder;

    private const string PageForCustomerSql = LatestVersions + "\nWHERE a.customer_id = @CustomerId\n" + PageOrder;

    private const string NotEnded = "WHERE (v.effective_to IS NULL OR v.effective_to > @Now) AND (@CustomerId IS NULL OR a.customer_id = @CustomerId)";

    private const string CountNotEndedSql = $"SELECT COUNT(*) FROM agreements a {Latest} {NotEnded}";

    private const string PageNotEndedSql = LatestVersions + "\n" + NotEnded + "\n" + PageOrder;

    public async Task<Agreement?> GetAsync(Guid id, int? version, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<AgreementRow>(GetSql, new { Id = id, Version = version }, ct))?.ToDomain();

    public Task LockCustomerAsync(Guid customerId, CancellationToken ct) =>
        db.QueryAsync<Guid>(db.Dialect.LockRowSql("customers"), new { Id = customerId }, ct);

    public async Task<IReadOnlyList<Agreement>> ListForCustomerAsync(Guid customerId, CancellationToken ct) =>
        (await db.QueryAsync<AgreementRow>(ForCustomerSql, new { CustomerId = customerId }, ct)).Select(r => r.ToDomain()).ToArray();

    public async Task<IReadOnlyList<Agreement>> ListInForceForCustomerAsync(Guid customerId, DateTimeOffset at, CancellationToken ct) =>
        (await db.QueryAsync<AgreementRow>(InForceForCustomerSql, new { CustomerId = customerId, At = at }, ct)).Select(r => r.ToDomain()).ToArray();

    public async Task<IReadOnlyList<Agreement>> ListInTermAsync(DateTimeOffset from, DateTimeOffset to, Guid? customerId, CancellationToken ct) =>
        (await db.QueryAsync<AgreementRow>(InTermSql, new { From = from, To = to, CustomerId = customerId }, ct)).Select(r => r.ToDomain()).ToArray();

    public async Task<Page<Agreement>> ListExpiringAsync(DateTimeOffset from, DateTimeOffset to, Guid? customerId, PageRequest page, CancellationToken ct) =>
        (await db.PageAsync<AgreementRow>(ExpiringCountSql, ExpiringPageSql, page, ct, ExpiringFilter(from, to, customerId))).Map(r => r.ToDomain());

    public async Task<Page<AgreementRenewal>> ListRenewalsAsync(DateTimeOffset from, DateTimeOffset to, Guid? customerId, PageRequest page, CancellationToken ct) =>
        (await db.PageAsync<RenewalRow>(ExpiringCountSql, RenewalsPageSql, page, ct, ExpiringFilter(from, to, customerId))).Map(r => r.ToRenewal());

    private static object ExpiringFilter(DateTimeOffset from, DateTimeOffset to, Guid? customerId) => new
    {
        CustomerId = customerId,
        From = from,
        To = to,
        FromDate = DateOnly.FromDateTime(from.UtcDateTime),
        ToDate = DateOnly.FromDateTime(to.UtcDateTime),
    };

    public Task AddAsync(Agreement agreement, CancellationToken ct) =>
        db.AddFirstVersionAsync(InsertRootSql, InsertVersionSql, AgreementRow.From(agreement), ct);

    public Task<bool> AddVersionAsync(Agreement revised, CancellationToken ct) =>
        db.AddNextVersionAsync("agreements", revised.Id, revised.Version, InsertVersionSql, AgreementRow.From(revised), ct);

    public async Task<Page<Agreement>> ListAsync(PageRequest page, Guid? customerId, CancellationToken ct)
    {
        var rows = customerId is { } id
            ? await db.PageAsync<AgreementRow>(CountForCustomerSql, PageForCustomerSql, page, ct, new { CustomerId = id })
            : await db.PageAsync<AgreementRow>(CountSql, PageSql, page, ct);
        return rows.Map(r => r.ToDomain());
    }

    public async Task<Page<Agreement>> ListNotEndedAsync(DateTimeOffset now, Guid? customerId, PageRequest page, CancellationToken ct) =>
        (await db.PageAsync<AgreementRow>(CountNotEndedSql, PageNotEndedSql, page, ct, new { Now = now, CustomerId = customerId })).Map(r => r.ToDomain());

    private sealed class AgreementRow
    {
        public Guid Id { get; init; }

        public int Version { get; init; }

        public Guid CustomerId { get; init; }

        public Guid PolicyId { get; init; }

        public string Name { get; init; } = "";

        public DateTimeOffset EffectiveFrom { get; init; }

        public DateTimeOffset? EffectiveTo { get; init; }

        public DateOnly? RenewalDate { get; init; }

        public string CoveredServices { get; init; } = "";

        public decimal MonthlyFeeAmount { get; init; }

        public string MonthlyFeeCurrency { get; init; } = "";

        public string CreditRules { get; init; } = "";

        public string? TimeZone { get; init; }

        public decimal? CreditCapPercent { get; init; }

        public string? ResponseTier { get; init; }

        public string? Clauses { get; init; }

        public DateTimeOffset VersionEffectiveFrom { get; init; }

        public static AgreementRow From(Agreement agreement) => new()
        {
            Id = agreement.Id,
            Version = agreement.Version,
            CustomerId = agreement.CustomerId,
            PolicyId = agreement.Terms.PolicyId,
            Name = agreement.Terms.Name,
            EffectiveFrom = agreement.Terms.EffectiveFrom,
            EffectiveTo = agreement.Terms.EffectiveTo,
            RenewalDate = agreement.Terms.RenewalDate,
            CoveredServices = JsonColumn.Write(agreement.Terms.CoveredServices),
            MonthlyFeeAmount = agreement.Terms.MonthlyFee.Amount,
            MonthlyFeeCurrency = agreement.Terms.MonthlyFee.Currency,
            CreditRules = JsonColumn.Write(agreement.Terms.CreditRules),
            TimeZone = agreement.Terms.TimeZone,
            CreditCapPercent = agreement.Terms.CreditCapPercent,
            ResponseTier = agreement.Terms.ResponseTier,
            Clauses = agreement.Terms.Clauses is { } clauses && clauses != AgreementClauses.None ? JsonColumn.Write(clauses) : null,
            VersionEffectiveFrom = agreement.VersionEffectiveFrom,
        };

        public Agreement ToDomain() => Agreement.Rehydrate(
            Id,
            Version,
            CustomerId,
            new AgreementTerms(
                PolicyId,
                Name,
                EffectiveFrom,
                EffectiveTo,
                RenewalDate,
                JsonColumn.Read<string[]>(CoveredServices),
                new Money(MonthlyFeeAmount, MonthlyFeeCurrency.Trim()),
                JsonColumn.Read<CreditRule[]>(CreditRules),
                TimeZone,
                CreditCapPercent,
                ResponseTier,
                Clauses is null ? AgreementClauses.None : JsonColumn.Read<AgreementClauses>(Clauses)),
            VersionEffectiveFrom);
    }

    private sealed class RenewalRow
    {
        public Guid AgreementId { get; init; }

        public int Version { get; init; }

        public Guid CustomerId { get; init; }

        public string Name { get; init; } = "";

        public DateTimeOffset EffectiveFrom { get; init; }

        public DateTimeOffset? EffectiveTo { get; init; }

        public DateOnly? RenewalDate { get; init; }

        public decimal MonthlyFee { get; init; }

        public string Currency { get; init; } = "";

        public AgreementRenewal ToRenewal() =>
            new(AgreementId, Version, CustomerId, Name, EffectiveFrom, EffectiveTo, RenewalDate, MonthlyFee, Currency);
    }
}
