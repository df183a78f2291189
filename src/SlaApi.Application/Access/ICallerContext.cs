namespace SlaApi.Application.Access;

/// <summary>Who is asking. A key bound to a customer sees only that customer's records; others are "not found".</summary>
public interface ICallerContext
{
    /// <summary>The customer the caller is limited to, or null for a caller that sees every customer.</summary>
    Guid? CustomerScope { get; }

    /// <summary>The key asking, by id: shared resources such as the writer's queue are shared fairly between keys.</summary>
    string KeyId { get; }
}

public static class CallerContextExtensions
{
    public static bool CanSee(this ICallerContext caller, Guid customerId) =>
        caller.CustomerScope is not { } scope || scope == customerId;
}
