using System.Buffers;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Channel;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// A client connection whose reads pass through an <see cref="MqttFrameLimit"/>: when the client breaks a limit
/// the read reports the connection closed (so MQTTnet drops the client without allocating anything) and
/// <paramref name="refused"/> hears why.
/// </summary>
public sealed class FrameLimitedChannel(IMqttChannel inner, MqttFrameLimit limit, Action<string> refused) : IMqttChannel
{
    /// <inheritdoc />
    public X509Certificate2 ClientCertificate => inner.ClientCertificate;

    /// <inheritdoc />
    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;

    /// <inheritdoc />
    public EndPoint LocalEndPoint => inner.LocalEndPoint;

    /// <inheritdoc />
    public bool IsSecureConnection => inner.IsSecureConnection;

    /// <inheritdoc />
    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    /// <inheritdoc />
    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        if (limit.Refusal != null)
        {
            return 0;
        }

        var read = await inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        if (read > 0 && !limit.Accept(buffer.AsSpan(offset, read)))
        {
            refused(limit.Refusal!);
            inner.Dispose();
            return 0;
        }

        return read;
    }

    /// <inheritdoc />
    public Task WriteAsync(ReadOnlySequence<byte> buffer, bool isEndOfPacket, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, isEndOfPacket, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => inner.Dispose();
}
