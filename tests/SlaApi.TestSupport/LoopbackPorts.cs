using System.Net;
using System.Net.Sockets;

namespace SlaApi.TestSupport;

public static class LoopbackPorts
{
    /// <summary>A loopback port nothing listens on now, for a server a test starts.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
