using System.Globalization;
using System.Reflection;
using CsvHelper;
using Microsoft.Net.Http.Headers;
using SlaApi.Application.Reports;

namespace SlaApi.Api.Endpoints;

/// <summary>
/// Answers a report as JSON, or as RFC 4180 CSV when the caller's Accept header prefers <c>text/csv</c>: one header
/// line of the row's camelCase property names, then one line per row, instants in RFC 3339 UTC, empty for null.
/// </summary>
public static class CsvReport
{
    public const string ContentType = "text/csv";

    public static IResult Respond<TReport, TRow>(HttpContext http, TReport report) where TReport : IReport<TRow> =>
        PrefersCsv(http.Request) ? new CsvResult<TRow>(report.Rows) : TypedResults.Ok(report);

    private static bool PrefersCsv(HttpRequest request)
    {
        var accepted = request.GetTypedHeaders().Accept;
        var csv = accepted.Where(a => a.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var json = accepted.Where(a => a.MatchesMediaType("application/json")).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        return csv > 0 && csv >= json;
    }

    private static bool MatchesMediaType(this MediaTypeHeaderValue accepted, string mediaType) =>
        accepted.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase) || accepted.MatchesAllTypes ||
        accepted.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase);

    private sealed class CsvResult<TRow>(IReadOnlyList<TRow> rows) : IResult
    {
        private static readonly PropertyInfo[] Columns = typeof(TRow).GetProperties();

        private static readonly string[] Header = Columns.Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToArray();

        private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = $"{ContentType}; charset=utf-8; header=present";
            await using var text = new StreamWriter(http.Response.Body, leaveOpen: true);
            await using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
            {
                csv.WriteHeader(Header);
                foreach (var row in rows)
                {
                    foreach (var column in Columns)
                        csv.WriteField(Format(column.GetValue(row)));
                    await csv.EndRecordAsync(http.RequestAborted);
                }
                await csv.FlushAsync(http.RequestAborted);
            }
            await text.FlushAsync(http.RequestAborted);
        }

        private static string? Format(object? value) => value switch
        {
            null => null,
            DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool flag => flag ? "true" : "false",
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}
