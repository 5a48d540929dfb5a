using System.Net;
using EdgeDevices.Hardware.Emulation.Network;
using MQTTnet.Channel;

namespace nanoFramework.M2Mqtt;

/// <summary>Gives MQTTnet its TCP stream through the emulated board's Wi-Fi link, and lets the stand-in close it.</summary>
internal sealed class LinkStreamProvider(WifiStation station) : IMqttClientStreamProvider
{
    private Stream _stream;

    public async Task<Stream> ConnectAsync(EndPoint remoteEndPoint, CancellationToken cancellationToken)
    {
        _stream = await station.ConnectAsync((IPEndPoint)remoteEndPoint, cancellationToken).ConfigureAwait(false);
        return _stream;
    }

    // Closes the socket without an MQTT DISCONNECT: the broker treats that as an unexpected loss.
    public void Close() => _stream?.Dispose();
}
