namespace SlaApi.Api.ErrorHandling;

/// <summary>The caller accepts none of the media types the resource is served in (HTTP 406); the problem itself is JSON.</summary>
public sealed class NotAcceptableException(string message) : Exception(message);
