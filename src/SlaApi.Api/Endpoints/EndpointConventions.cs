namespace SlaApi.Api.Endpoints;

public static class EndpointConventions
{
    /// <summary>Documents the problem responses every operation can give.</summary>
    public static RouteHandlerBuilder WithProblems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        builder.ProducesValidationProblem();
        foreach (var status in statusCodes)
            builder.ProducesProblem(status);
        return builder;
    }
}
