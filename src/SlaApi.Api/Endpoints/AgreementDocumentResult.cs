using System.Net;
using Markdig;
using Microsoft.Net.Http.Headers;
using SlaApi.Api.ErrorHandling;
using SlaApi.Application.Agreements.GetAgreementDocument;

namespace SlaApi.Api.Endpoints;

/// <summary>
/// An agreement's document as the caller's Accept header prefers: Markdown (the default) or HTML rendered from that
/// Markdown by Markdig, with raw HTML disabled so nothing a user typed becomes markup.
/// </summary>
public static class AgreementDocumentResult
{
    public const string Markdown = "text/markdown";
    public const string Html = "text/html";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public static IResult Respond(HttpRequest request, AgreementDocumentDto document) =>
        Chosen(request) switch
        {
            Html => TypedResults.Text(Page(document), Html + "; charset=utf-8"),
            _ => TypedResults.Text(document.Markdown, Markdown + "; charset=utf-8"),
        };

    /// <summary>HTML when it is preferred to Markdown; Markdown when accepted at all; else 406.</summary>
    private static string Chosen(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().Accept;
        if (accepted.Count == 0)
            return Markdown;
        var html = Quality(accepted, Html);
        var markdown = Quality(accepted, Markdown);
        if (html == 0 && markdown == 0)
            throw new NotAcceptableException($"The document is served as {Markdown} or {Html}.");
        return html > markdown ? Html : Markdown;
    }

    /// <summary>The quality the caller gives the type: its own entry's, or else that of a wildcard covering it.</summary>
    private static double Quality(IList<MediaTypeHeaderValue> accepted, string mediaType)
    {
        var exact = accepted.Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase)).ToArray();
        var matching = exact.Length > 0
            ? exact
            : accepted.Where(a => a.MatchesAllTypes || a.MediaType.Equals("text/*", StringComparison.OrdinalIgnoreCase)).ToArray();
        return matching.Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
    }

    private static string Page(AgreementDocumentDto document) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(document.Title)}</title></head>
        <body>
        {Markdig.Markdown.ToHtml(document.Markdown, Pipeline)}</body>
        </html>

        """;
}
