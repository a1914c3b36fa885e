using System.Net;
using System.Net.Sockets;

namespace OrleansCt.Testing;

/// <summary>
/// Free TCP ports, each handed out once per process: Linux lets two silos bind one port with port reuse, so a port
/// given to one test must never be given to another.
/// </summary>
public static class FreePorts
{
    private static readonly HashSet<int> s_given = [];
    private static readonly Lock s_lock = new();

    public static int[] Get(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var listeners = new List<TcpListener>();
        var ports = new List<int>();
        lock (s_lock)
        {
            try
            {
                // All listeners stay open until the end so the kernel cannot return the same port twice in this call.
                for (var attempt = 0; ports.Count < count; attempt++)
                {
                    if (attempt == 1000)
                    {
                        throw new InvalidOperationException($"Found only {ports.Count} of {count} free TCP ports after 1000 attempts.");
                    }

                    var listener = new TcpListener(IPAddress.Any, 0);
                    listener.Start();
                    listeners.Add(listener);
                    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    if (s_given.Add(port))
                    {
                        ports.Add(port);
                    }
                }
            }
            finally
            {
                foreach (var listener in listeners)
                {
                    listener.Stop();
                }
            }
        }

        return [.. ports];
    }
}
