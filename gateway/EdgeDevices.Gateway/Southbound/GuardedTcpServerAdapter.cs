using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Operations;
using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using MQTTnet.Implementations;
using MQTTnet.Server;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// The embedded broker's TCP and TLS listeners, in place of MQTTnet's own: each accepted connection first
/// passes the <see cref="ConnectionGuard"/> (caps on open sockets, failed-login back-off) before any TLS
/// handshake, the handshake has a deadline, and every byte read goes through an <see cref="MqttFrameLimit"/>,
/// so an unauthenticated client can make the gateway hold at most one small CONNECT. Written here because
/// MQTTnet's listener reads whatever packet size a client announces; the MQTT protocol itself stays MQTTnet's
/// (its channel adapter and formatter are used as they are).
/// </summary>
public sealed class GuardedTcpServerAdapter(
    EmbeddedBrokerOptions settings,
    X509Certificate2? certificate,
    ConnectionGuard guard,
    GatewayMetrics metrics,
    ILogger log) : IMqttServerAdapter
{
    /// <summary>
    /// The largest CONNECT let in: a device's (client id, user name, 128-bit secret, an "offline" will) is a few
    /// hundred bytes.
    /// </summary>
    public const int MaxConnectBytes = 2048;

    private static readonly TimeSpan HandshakeDeadline = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _listeners = [];
    private MqttServerOptions? _serverOptions;
    private IMqttNetLogger _logger = MqttNetNullLogger.Instance;

    /// <inheritdoc />
    public Func<IMqttChannelAdapter, Task>? ClientHandler { get; set; }

    /// <summary>The plain listener's port once listening (the one the system chose when configured as 0), or null.</summary>
    public int? PlainPort { get; private set; }

    /// <summary>The TLS listener's port once listening, or null.</summary>
    public int? TlsPort { get; private set; }

    /// <inheritdoc />
    public Task StartAsync(MqttServerOptions options, IMqttNetLogger logger)
    {
        if (certificate is { HasPrivateKey: false })
        {
            throw new InvalidOperationException("the broker's TLS certificate has no private key: give a PKCS#12 file with the key (southbound.embedded.tls.certificatePath)");
        }

        _serverOptions = options;
        _logger = logger;
        var address = IPAddress.Parse(settings.BindAddress);
        if (settings.Plaintext)
        {
            PlainPort = Listen(new IPEndPoint(address, settings.Port), null);
        }

        if (certificate != null)
        {
            TlsPort = Listen(new IPEndPoint(address, settings.Tls.Port), certificate);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync()
    {
        _stop.Cancel();
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        _listeners.Clear();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        StopAsync();
        _stop.Dispose();
    }

    private int Listen(IPEndPoint endPoint, X509Certificate2? tls)
    {
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (endPoint.Address.Equals(IPAddress.IPv6Any))
        {
            // "::" serves IPv4 too; any other address serves its own family only.
            listener.DualMode = true;
        }

        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(endPoint);
        listener.Listen(2048);
        _listeners.Add(listener);
        _ = Task.Run(() => AcceptAsync(listener, tls));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    private async Task AcceptAsync(Socket listener, X509Certificate2? tls)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // Out of descriptors and the like: wait a moment instead of spinning.
                log.LogWarning("the MQTT listener could not accept a connection: {Error}", ex.SocketErrorCode);
                await Task.Delay(100).ConfigureAwait(false);
                continue;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "the MQTT listener failed to accept; trying again in a second");
                await Task.Delay(1000).ConfigureAwait(false);
                continue;
            }

            _ = Task.Run(() => ServeAsync(client, tls));
        }
    }

    private async Task ServeAsync(Socket socket, X509Certificate2? tls)
    {
        EndPoint? remote;
        try
        {
            remote = socket.RemoteEndPoint;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return;
        }

        var address = ConnectionGuard.AddressOf(remote);
        if (guard.SocketOpened(address, dropBlocked: tls != null) is { } refusal)
        {
            metrics.Refused.WithLabels("connect").Inc();
            log.LogDebug("closed a new connection from {Endpoint}: {Reason}", remote, refusal);
            socket.Dispose();
            return;
        }

        Stream? stream = null;
        try
        {
            stream = new NetworkStream(socket, ownsSocket: true);
            socket.NoDelay = true;
            if (tls != null)
            {
                var secure = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = secure;
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                deadline.CancelAfter(HandshakeDeadline);
                await secure.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions { ServerCertificate = tls, EncryptionPolicy = EncryptionPolicy.RequireEncryption },
                    deadline.Token).ConfigureAwait(false);
            }

            if (ClientHandler is not { } handler || _serverOptions is not { } options)
            {
                return;
            }

            var limit = new MqttFrameLimit(MaxConnectBytes, settings.MaxPacketBytes);
            var channel = new FrameLimitedChannel(
                new MqttTcpChannel(stream, socket.LocalEndPoint, remote, null),
                limit,
                reason =>
                {
                    metrics.Refused.WithLabels("packet").Inc();
                    if (limit.PastConnect)
                    {
                        log.LogWarning("closed the connection from {Endpoint}: {Reason}", remote, reason);
                        return;
                    }

                    // Before login it counts as a failed login: a scanner or a flood is blocked like password guessing,
                    // and stops filling the journal once it is.
                    var blocked = guard.IsBlocked(address);
                    guard.Failed(address);
                    log.Log(blocked ? LogLevel.Debug : LogLevel.Information, "closed the connection from {Endpoint} before login: {Reason}", remote, reason);
                });
            using var adapter = new MqttChannelAdapter(channel, new MqttPacketFormatterAdapter(new MqttBufferWriter(options.WriterBufferSize, options.WriterBufferSizeMax)), _logger);
            await handler(adapter).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException or OperationCanceledException or ObjectDisposedException)
        {
            log.LogDebug("connection from {Endpoint} ended: {Error}", remote, ex.Message);
        }
        catch (Exception ex)
        {
            log.LogError(ex, "serving the MQTT connection from {Endpoint} failed", remote);
        }
        finally
        {
            try
            {
                if (stream != null)
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }
                else
                {
                    socket.Dispose();
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or AuthenticationException)
            {
            }
            finally
            {
                guard.SocketClosed(address);
            }
        }
    }
}
