namespace SlaApi.Application.Common.Exceptions;

/// <summary>The request did not prove where it came from; nothing of it was stored.</summary>
public sealed class UnauthenticatedException(string message) : Exception(message);
