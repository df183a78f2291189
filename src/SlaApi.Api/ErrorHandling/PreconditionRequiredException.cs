namespace SlaApi.Api.ErrorHandling;

/// <summary>An edit came without the If-Match header that protects it from overwriting a newer version (HTTP 428).</summary>
public sealed class PreconditionRequiredException() : Exception("Send the version you edited as If-Match: \"<version>\" (the ETag of the GET).");
