namespace SlaApi.Application.Common.Paging;

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, long TotalItems)
{
    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new(Items.Select(map).ToArray(), PageNumber, PageSize, TotalItems);
}

public sealed record PageRequest(int PageNumber, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public int Skip => (PageNumber - 1) * PageSize;
}
