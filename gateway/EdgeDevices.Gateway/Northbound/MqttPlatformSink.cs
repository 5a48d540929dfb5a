using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Storage;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Gateway.Northbound;

/// <summary>
/// Forwards readings to the platform's MQTT broker at QoS 1 with a persistent session, to
/// <c>{topicPrefix}/{deviceId}/{channel}</c> in the JSON form (state retained, as the device published it).
/// A batch goes out pipelined and counts as delivered only when the broker has acknowledged all of it.
/// </summary>
public sealed class MqttPlatformSink(MqttSinkOptions options, string gatewayId) : ISink
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly SemaphoreSlim _connect = new(1, 1);

    public string Name => "mqtt";

    public int BatchSize => options.BatchSize;

    public async Task<IReadOnlyList<SinkRejection>> DeliverAsync(IReadOnlyList<StoredReading> readings, CancellationToken cancellationToken)
    {
        await EnsureConnectedAsync(cancellationToken).ConfigureAwait(false);
        var publishes = new List<Task<MqttClientPublishResult>>(readings.Count);
        foreach (var reading in readings)
        {
            var channel = MqttTopics.ChannelFor(reading.Type);
            var message = new MqttApplicationMessageBuilder()
                .WithTopic($"{options.TopicPrefix}/{reading.DeviceId}/{channel}")
                .WithPayload(reading.Payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(channel == MqttTopics.State)
                .Build();
            publishes.Add(_client.PublishAsync(message, cancellationToken));
        }

        foreach (var result in await Task.WhenAll(publishes).ConfigureAwait(false))
        {
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException($"the platform broker refused a message: {result.ReasonCode}");
            }
        }

        return [];
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions()).ConfigureAwait(false);
        }

        _client.Dispose();
        _connect.Dispose();
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            return;
        }

        await _connect.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client.IsConnected)
            {
                return;
            }

            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer(options.Host, options.Port)
                .WithClientId(options.ClientId == "edgedevices-gateway" ? $"{gatewayId}-sink" : options.ClientId)
                .WithCleanSession(false)
                .WithTimeout(TimeSpan.FromSeconds(15));
            if (options.Username != null)
            {
                builder = builder.WithCredentials(options.Username, options.Password);
            }

            if (options.Tls)
            {
                builder = builder.WithTlsOptions(o => o.UseTls());
            }

            await _client.ConnectAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connect.Release();
        }
    }
}
