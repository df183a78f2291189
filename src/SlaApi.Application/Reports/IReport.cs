namespace SlaApi.Application.Reports;

/// <summary>A report whose rows can also be written as CSV, one line per row.</summary>
public interface IReport<out TRow>
{
    IReadOnlyList<TRow> Rows { get; }
}
