using System.Text;

namespace SlaApi.Domain.Common;

public static class WireName
{
    /// <summary>An enum member as the API and the database spell it: lower-case words joined by '-' (NextReply → next-reply).</summary>
    /// <remarks>Spelled once per member: clocks, states and events are named on every read and every write.</remarks>
    public static string Of<T>(T value)
        where T : struct, Enum => Spelled<T>.Names[value];

    private static string Spell(string name)
    {
        var wire = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && wire.Length > 0)
                wire.Append('-');
            wire.Append(char.ToLowerInvariant(c));
        }
        return wire.ToString();
    }

    private static class Spelled<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Names = Enum.GetValues<T>().ToDictionary(v => v, v => Spell(v.ToString()));
    }
}
