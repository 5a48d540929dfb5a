using EdgeDevices.Firmware.Messages;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Fleet.Observation;

/// <summary>
/// Watches what the devices publish, from outside, as the gateway will: an MQTT client subscribed to
/// <c>edge/#</c> on the same broker, keeping every message with its device and channel.
/// </summary>
public sealed class BrokerObserver : IAsyncDisposable
{
    private readonly object _sync = new();
    private readonly List<ObservedMessage> _messages = [];
    private readonly IMqttClient _client;

    private BrokerObserver(IMqttClient client) => _client = client;

    /// <summary>Raised for each message, on MQTTnet's thread.</summary>
    public event Action<ObservedMessage>? Received;

    /// <summary>Messages so far, in arrival order.</summary>
    public IReadOnlyList<ObservedMessage> Messages
    {
        get
        {
            lock (_sync)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>Connects to the broker and subscribes to everything the devices publish.</summary>
    public static async Task<BrokerObserver> ConnectAsync(string host, int port, string clientId = "fleet-observer", CancellationToken cancellationToken = default)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var observer = new BrokerObserver(client);
        client.ApplicationMessageReceivedAsync += e =>
        {
            observer.Add(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        var options = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId(clientId).WithCleanSession().Build();
        await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(MqttTopics.Root + "/#", MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken).ConfigureAwait(false);
        return observer;
    }

    /// <summary>Messages of one device on one channel, in arrival order.</summary>
    public IReadOnlyList<ObservedMessage> Of(string deviceId, string channel) =>
        [.. Messages.Where(m => m.DeviceId == deviceId && m.Channel == channel)];

    /// <summary>Waits (in real time) until a message matching <paramref name="predicate"/> has arrived.</summary>
    public async Task<ObservedMessage?> WaitForAsync(Func<ObservedMessage, bool> predicate, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = Messages.FirstOrDefault(predicate);
            if (found != null || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Broker already gone.
        }

        _client.Dispose();
    }

    private void Add(MqttApplicationMessage message)
    {
        if (!MqttTopics.TryParse(message.Topic, out var deviceId, out var channel))
        {
            return;
        }

        var observed = new ObservedMessage(message.Topic, deviceId, channel, System.Buffers.BuffersExtensions.ToArray(message.Payload), message.Retain, DateTime.UtcNow);
        lock (_sync)
        {
            _messages.Add(observed);
        }

        Received?.Invoke(observed);
    }
}
