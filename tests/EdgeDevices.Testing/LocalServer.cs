using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgeDevices.Testing;

/// <summary>Starting and stopping the real servers the tests run against (mosquitto, nats-server) as child processes.</summary>
public static class LocalServer
{
    /// <summary>A free TCP port on loopback.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <paramref name="start"/> and waits until it accepts connections on <paramref name="port"/>; kills it and throws if it does not within 10 s.</summary>
    public static Process Start(ProcessStartInfo start, int port, string name)
    {
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {process.ExitCode}");
            }

            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, port);
                return process;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        Stop(process, null);
        throw new TimeoutException($"{name} did not open port {port} within 10 s");
    }

    /// <summary>Kills <paramref name="process"/> (as kill -9 would) and removes its <paramref name="directory"/>.</summary>
    public static void Stop(Process process, string? directory)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
        if (directory == null)
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>The first of <paramref name="names"/> found on the PATH or in the usual Debian places.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Concat(["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"])
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
}
