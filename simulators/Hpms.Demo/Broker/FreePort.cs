using System.Net;
using System.Net.Sockets;

namespace Hpms.Demo.Broker;

/// <summary>Picks a free TCP port on 127.0.0.1 (the kernel's choice; the caller binds it at once).</summary>
public static class FreePort
{
    /// <summary>Picks a port.</summary>
    /// <returns>A port nobody listened on a moment ago.</returns>
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether a port can be bound on 127.0.0.1 now.</summary>
    /// <param name="port">Port.</param>
    /// <returns>True when free.</returns>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
