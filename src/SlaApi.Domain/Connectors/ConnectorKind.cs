namespace SlaApi.Domain.Connectors;

public enum ConnectorKind
{
    ConnectWise,
    Autotask,
    Halo,
    NinjaOne,
    DattoRmm,
}

public static class ConnectorKinds
{
    private static readonly Dictionary<string, ConnectorKind> ByName = new(StringComparer.Ordinal)
    {
        ["connectwise"] = ConnectorKind.ConnectWise,
        ["autotask"] = ConnectorKind.Autotask,
        ["halo"] = ConnectorKind.Halo,
        ["ninjaone"] = ConnectorKind.NinjaOne,
        ["datto-rmm"] = ConnectorKind.DattoRmm,
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out ConnectorKind kind) => ByName.TryGetValue(name ?? "", out kind);

    public static string Name(this ConnectorKind kind) => ByName.First(p => p.Value == kind).Key;
}
