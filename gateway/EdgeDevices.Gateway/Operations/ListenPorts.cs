using System.Globalization;
using System.Net;
using System.Net.Sockets;
using EdgeDevices.Gateway.Configuration;

namespace EdgeDevices.Gateway.Operations;

/// <summary>
/// The ports the gateway listens on, checked before it starts: a port another program holds (often a second
/// mosquitto, or a gateway already running) is one line naming the port, the setting behind it and, when
/// the system lets us see it, the program holding it, and exit code 4, which the unit does not restart on
/// (a loop of restarts would not free the port). Reading /proc/net/tcp to find the holder is Linux's only way
/// short of running ss; hand-written for that.
/// </summary>
public static class ListenPorts
{
    /// <summary>The exit code for a port in use.</summary>
    public const int InUseExitCode = 4;

    /// <summary>What the configuration listens on: address, port and the setting that says so.</summary>
    public static IReadOnlyList<(IPAddress Address, int Port, string Setting)> Of(GatewayOptions options)
    {
        var endpoints = new List<(IPAddress, int, string)>();
        if (options.Southbound.Mode == SouthboundMode.Embedded)
        {
            var embedded = options.Southbound.Embedded;
            var address = IPAddress.TryParse(embedded.BindAddress, out var parsed) ? parsed : IPAddress.Loopback;
            endpoints.Add((address, embedded.Port, "southbound.embedded.port"));
            if (embedded.Tls.Enabled)
            {
                endpoints.Add((address, embedded.Tls.Port, "southbound.embedded.tls.port"));
            }
        }

        foreach (var url in options.Http.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Port > 0)
            {
                var address = uri.Host == "localhost" ? IPAddress.Loopback : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var host) ? host : IPAddress.Any;
                endpoints.Add((address, uri.Port, "http.urls"));
            }
        }

        return endpoints;
    }

    /// <summary>The line to print when one of the configuration's ports is held by another program, else null.</summary>
    public static string? Taken(GatewayOptions options)
    {
        foreach (var (address, port, setting) in Of(options))
        {
            try
            {
                var listener = new TcpListener(address, port);
                listener.Start();
                listener.Stop();
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                return InUse(port, setting);
            }
        }

        return null;
    }

    /// <summary>The one line for <paramref name="port"/> in use.</summary>
    public static string InUse(int port, string setting)
    {
        var holder = Holder(port);
        return string.Create(CultureInfo.InvariantCulture,
            $"edgedevices-gateway: port {port} ({setting}) is in use by {holder ?? "another program"}: stop it, or give {setting} another port (ss -ltnp 'sport = :{port}' shows who holds it)");
    }

    /// <summary>The program listening on <paramref name="port"/> ("mosquitto (pid 812)"), or null when it cannot be seen.</summary>
    public static string? Holder(int port)
    {
        try
        {
            var inodes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
            {
                if (!File.Exists(table))
                {
                    continue;
                }

                foreach (var line in File.ReadLines(table).Skip(1))
                {
                    // sl local_address rem_address st ... inode: local "0100007F:075B", state 0A = LISTEN.
                    var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length > 9 && fields[3] == "0A" && int.Parse(fields[1][(fields[1].IndexOf(':', StringComparison.Ordinal) + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                    {
                        inodes.Add(fields[9]);
                    }
                }
            }

            foreach (var process in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
            {
                try
                {
                    foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(process, "fd")))
                    {
                        var target = new FileInfo(fd).LinkTarget;
                        if (target != null && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]))
                        {
                            return $"{File.ReadAllText(Path.Combine(process, "comm")).Trim()} (pid {Path.GetFileName(process)})";
                        }
                    }
                }
                catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
                {
                    // Another user's process: not ours to look into.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return null;
    }
}
