using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SlaApi.Application.Access;

namespace SlaApi.Api.Access;

/// <summary>Reads the key from <c>Authorization: Bearer</c> or <c>X-Api-Key</c>; answers 401 and 403 as problem details.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyAuthenticator authenticator,
    FailedAuthenticationThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "key_id";
    public const string ScopeClaim = "scope";
    public const string CustomerClaim = "customer_id";
    private const string ThrottledItem = "SlaApi.AuthenticationThrottled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Tools posting to their inbound URL authenticate with its token and their own signatures; Halo's Bearer secret is not a key.
        if (Request.Path.StartsWithSegments(Endpoints.ConnectionEndpoints.InboundPrefix) || PresentedKey(Request) is not { } presented)
            return AuthenticateResult.NoResult();

        // A valid key is let in from any address: behind a proxy, or on a shared network, one client's guessing must not
        // lock every tenant out. Only failures from an address that has failed too often are answered 429.
        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "";
        var key = await authenticator.AuthenticateAsync(presented, Context.RequestAborted);
        if (key is null)
        {
            if (throttle.IsBlocked(address))
                Context.Items[ThrottledItem] = true;
            else
                throttle.Failed(address);
            return AuthenticateResult.Fail("The key is unknown, revoked or expired.");
        }

        var claims = key.Scopes.Select(s => new Claim(ScopeClaim, s)).Append(new Claim(KeyIdClaim, key.Id.ToString())).ToList();
        if (key.CustomerId is { } customerId)
            claims.Add(new Claim(CustomerClaim, customerId.ToString()));
        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ScopeClaim);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(ThrottledItem))
        {
            Response.Headers.RetryAfter = ((int)FailedAuthenticationThrottle.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteProblemAsync(StatusCodes.Status429TooManyRequests, "Too many failed authentications.",
                "This address sent too many unknown, revoked or expired keys; until its allowance refills, a failed key is answered 429.");
            return;
        }
        var presented = PresentedKey(Request) is not null;
        Response.Headers.WWWAuthenticate = presented ? "Bearer realm=\"SlaApi\", error=\"invalid_token\"" : "Bearer realm=\"SlaApi\"";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, "An API key is required.",
            presented
                ? "The key sent is unknown, revoked or expired."
                : $"Send a key as 'Authorization: Bearer <key>' or '{HeaderName}: <key>'.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "The key may not do this.", "The key lacks the scope this operation needs.");

    /// <summary>The key the request presents, as a Bearer token or in <see cref="HeaderName"/>.</summary>
    internal static string? PresentedKey(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return authorization["Bearer ".Length..].Trim();
        var header = request.Headers[HeaderName].ToString();
        return header.Length > 0 ? header.Trim() : null;
    }

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        var problems = Context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
