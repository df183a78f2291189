namespace SlaApi.Api.Endpoints;

public static class EndpointConventions
{
    /// <summary>Requires <paramref name="scope"/> and documents the 403 a key without it gets.</summary>
    public static RouteHandlerBuilder RequiresScope(this RouteHandlerBuilder builder, string scope) =>
        builder.RequireAuthorization(scope).ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>
    /// Documents the problem responses of an operation: 400, 401, 429 and 503 (the database is unreachable) for all,
    /// and <paramref name="statusCodes"/>. An operation that takes a body (415 when it is not JSON) also answers 413
    /// when the body is too large.
    /// </summary>
    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        builder.ProducesValidationProblem();
        builder.ProducesProblem(StatusCodes.Status401Unauthorized);
        builder.ProducesProblem(StatusCodes.Status429TooManyRequests);
        builder.ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        if (statusCodes.Contains(StatusCodes.Status415UnsupportedMediaType))
            builder.ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        foreach (var status in statusCodes.Except([StatusCodes.Status503ServiceUnavailable, StatusCodes.Status413PayloadTooLarge]))
            builder.ProducesProblem(status);
        return builder;
    }
}
