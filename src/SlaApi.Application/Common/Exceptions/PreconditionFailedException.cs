namespace SlaApi.Application.Common.Exceptions;

/// <summary>An edit named a version that is no longer the latest (HTTP 412).</summary>
public sealed class PreconditionFailedException(string resource, Guid id, int expectedVersion, int currentVersion)
    : Exception($"{resource} '{id}' is at version {currentVersion}, not {expectedVersion}: read it again and resend the edit.")
{
    public int CurrentVersion { get; } = currentVersion;
}
