using System.Security.Cryptography.X509Certificates;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeDevices.Gateway.Tests.Harness;

/// <summary>A device as the gateway sees it: an MQTT client with the device's credentials, publishing the wire forms.</summary>
public sealed class TestDevice : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private TestDevice(IMqttClient client, string deviceId)
    {
        _client = client;
        DeviceId = deviceId;
    }

    public string DeviceId { get; }

    public IMqttClient Client => _client;

    /// <summary>Connects as <paramref name="deviceId"/> (MQTT 5, so refusals come back as reason codes).</summary>
    /// <param name="trust">With TLS: the only server certificate the device accepts (as a provisioned device pins its gateway's).</param>
    public static async Task<TestDevice> ConnectAsync(int port, string deviceId, string password, string? clientId = null, X509Certificate2? trust = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId ?? deviceId)
            .WithCredentials(deviceId, password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)

            // No wall-clock budgets in tests. A client with hundreds of QoS 1 publishes queued pings after 15 s
            // without sending, and MQTTnet gives the ping half the keep-alive period (7.5 s): behind the queued
            // commits on a busy machine it timed out and the connection was dropped. Test devices do not ping,
            // and an answer may take as long as anything a test awaits (the hang limit, which only stops a
            // broken test; MQTTnet's default is 100 s).
            .WithKeepAlivePeriod(TimeSpan.Zero)
            .WithTimeout(Eventually.HangLimit);
        if (trust != null)
        {
            builder = builder.WithTlsOptions(tls => tls.UseTls().WithCertificateValidationHandler(e => e.Certificate.GetCertHashString() == trust.GetCertHashString()));
        }

        var result = await client.ConnectAsync(builder.Build());
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"connect refused: {result.ResultCode}");
        }

        return new TestDevice(client, deviceId);
    }

    /// <summary>Publishes a message in its JSON form to its channel; returns the broker's acknowledgement.</summary>
    public Task<MqttClientPublishResult> PublishAsync(Message message) =>
        PublishRawAsync(MqttTopics.ChannelFor(message.Type), JsonCodec.EncodeUtf8(message));

    /// <summary>Publishes a message in its compact form.</summary>
    public Task<MqttClientPublishResult> PublishCompactAsync(Message message) =>
        PublishRawAsync(MqttTopics.ChannelFor(message.Type), CompactCodec.Encode(message));

    /// <summary>Publishes bytes to one of this device's channels.</summary>
    public Task<MqttClientPublishResult> PublishRawAsync(string channel, byte[] payload, string? deviceId = null) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(MqttTopics.For(deviceId ?? DeviceId, channel))
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptions());
            }
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // The broker closed it first (a session taken over by a newer connection, a revoked device).
        }

        _client.Dispose();
    }
}
