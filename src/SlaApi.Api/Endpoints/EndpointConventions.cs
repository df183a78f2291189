namespace SlaApi.Api.Endpoints;

public static class EndpointConventions
{
    /// <summary>Requires <paramref name="scope"/> and documents the 403 a key without it gets.</summary>
    public static RouteHandlerBuilder RequiresScope(this RouteHandlerBuilder builder, string scope) =>
        builder.RequireAuthorization(scope).ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>Documents the problem responses of an operation: 400, 401 and 429 for all, and <paramref name="statusCodes"/>.</summary>
    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        builder.ProducesValidationProblem();
        builder.ProducesProblem(StatusCodes.Status401Unauthorized);
        builder.ProducesProblem(StatusCodes.Status429TooManyRequests);
        foreach (var status in statusCodes)
            builder.ProducesProblem(status);
        return builder;
    }
}
