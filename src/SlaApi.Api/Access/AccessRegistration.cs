using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using SlaApi.Application.Access;
using SlaApi.Domain.Access;

namespace SlaApi.Api.Access;

/// <summary>Per-key token bucket; defaults are generous and meant to stop a runaway integration, not a busy one.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";

    public int TokenLimit { get; set; } = 2_000;

    public int TokensPerSecond { get; set; } = 1_000;

    /// <summary>Events a key may send a second, single or in batches; above what the writer commits on two cores.</summary>
    public int EventsPerSecond { get; set; } = 10_000;

    /// <summary>The burst of events a key may send at once; at least a full batch (1,000).</summary>
    public int EventTokenLimit { get; set; } = 20_000;

    /// <summary>Deliveries one connection's inbound URL takes a second; above what the inbox commits on two cores.</summary>
    public int InboundPerSecond { get; set; } = 10_000;

    /// <summary>Unknown, revoked or expired keys one client address may send a minute before it is answered 429.</summary>
    public int FailedAuthenticationsPerMinute { get; set; } = 30;

    /// <summary>Inbound deliveries to no connection, or refused as unauthentic, one client address may send a minute before 429.</summary>
    public int FailedInboundPerMinute { get; set; } = 30;

    /// <summary>A bucket that refuses at once when empty (no queue) and refills by itself.</summary>
    public static TokenBucketRateLimiterOptions Bucket(int limit, int perPeriod, TimeSpan period) => new()
    {
        TokenLimit = limit,
        TokensPerPeriod = perPeriod,
        ReplenishmentPeriod = period,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

public static class AccessRegistration
{
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static IServiceCollection AddAccessControl(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICallerContext, HttpCallerContext>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddScopePolicies();

        var limits = configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddSingleton(new EventRateLimiter(limits));
        services.AddSingleton(new FailedAuthenticationThrottle(limits));
        services.AddSingleton(new InboundFailureThrottle(limits));
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value is { } keyId
                    ? RateLimitPartition.GetTokenBucketLimiter(keyId, _ => RateLimitOptions.Bucket(limits.TokenLimit, limits.TokensPerSecond, TimeSpan.FromSeconds(1)))
                    : context.Request.Path.StartsWithSegments(Endpoints.ConnectionEndpoints.InboundPrefix, out var inbound)
                        ? RateLimitPartition.GetTokenBucketLimiter(InboundPartition(inbound), _ =>
                            RateLimitOptions.Bucket(limits.InboundPerSecond * 2, limits.InboundPerSecond, TimeSpan.FromSeconds(1)))
                        : RateLimitPartition.GetNoLimiter("unauthenticated"));
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>One bucket per connection id named in the inbound URL.</summary>
    private static string InboundPartition(PathString rest) =>
        "inbound:" + (rest.Value ?? "").TrimStart('/').Split('/', 2)[0];

    /// <summary>Bodies over 1 MiB are refused before they are read (413).</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > MaxRequestBodyBytes)
                throw new BadHttpRequestException($"The request body is larger than {MaxRequestBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
            if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = MaxRequestBodyBytes;
            await next(context);
        });

    private static Microsoft.AspNetCore.Authorization.AuthorizationBuilder AddScopePolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder)
    {
        foreach (var scope in Scopes.All)
        {
            string[] granting = scope == Scopes.DefinitionsRead ? [.. Scopes.DefinitionReaders, Scopes.Admin] : [scope, Scopes.Admin];
            builder.AddPolicy(scope, policy => policy.RequireAssertion(context =>
                granting.Any(granted => context.User.HasClaim(ApiKeyAuthenticationHandler.ScopeClaim, granted))));
        }
        return builder;
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        var response = rejected.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = rejected.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests for this key.",
                Detail = $"Retry after {seconds} s.",
            },
        });
    }
}
