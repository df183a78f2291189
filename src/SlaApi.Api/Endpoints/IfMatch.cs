using System.Globalization;
using SlaApi.Api.ErrorHandling;
using SlaApi.Application.Common.Exceptions;

namespace SlaApi.Api.Endpoints;

/// <summary>Versions travel as entity tags: the ETag of a read is the version, sent back as If-Match on an edit.</summary>
public static class IfMatch
{
    public static int ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (header.Length == 0)
            throw new PreconditionRequiredException();
        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return int.TryParse(tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1
            ? version
            : throw RequestValidationException.For("If-Match", "If-Match must be the version being edited, such as \"3\".");
    }

    public static void SetETag(HttpResponse response, int version) => response.Headers.ETag = $"\"{version}\"";
}
