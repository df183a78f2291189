using System.Text;

namespace SlaApi.Domain.Common;

public static class WireName
{
    /// <summary>An enum member as the API and the database spell it: lower-case words joined by '-' (NextReply → next-reply).</summary>
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var wire = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && wire.Length > 0)
                wire.Append('-');
            wire.Append(char.ToLowerInvariant(c));
        }
        return wire.ToString();
    }
}
