using MQTTnet;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// A subscription the gateway keeps to another broker (an external device broker, ChirpStack's integration
/// broker): a persistent session (QoS 1 messages wait at the broker while the gateway is away), subscribed
/// again after every connect, reconnected with backoff from 1 s doubling to a minute.
/// </summary>
internal static class PersistentSubscription
{
    /// <summary>Client options for a persistent session under <paramref name="clientId"/>.</summary>
    public static MqttClientOptions Options(string host, int port, string clientId, string? username, string? password, bool tls)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithCleanSession(false)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30));
        if (username != null)
        {
            builder = builder.WithCredentials(username, password);
        }

        if (tls)
        {
            builder = builder.WithTlsOptions(o => o.UseTls());
        }

        return builder.Build();
    }

    /// <summary>
    /// Connects, subscribes, calls <paramref name="ready"/>, waits for the connection's loss (calling
    /// <paramref name="lost"/>), and starts again after the backoff, until <paramref name="stoppingToken"/>.
    /// </summary>
    public static async Task RunAsync(IMqttClient client, MqttClientOptions options, MqttClientSubscribeOptions subscription, Action ready, Action lost, string broker, ILogger log, TimeProvider time, CancellationToken stoppingToken)
    {
        using var gone = new SemaphoreSlim(0);
        client.DisconnectedAsync += _ =>
        {
            lost();
            gone.Release();
            return Task.CompletedTask;
        };

        var endpoint = options.ChannelOptions is MqttClientTcpOptions tcp ? tcp.RemoteEndpoint.ToString() : broker;
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await client.ConnectAsync(options, stoppingToken).ConfigureAwait(false);
                await client.SubscribeAsync(subscription, stoppingToken).ConfigureAwait(false);
                ready();
                delay = TimeSpan.FromSeconds(1);
                await gone.WaitAsync(stoppingToken).ConfigureAwait(false);
                log.LogWarning("lost the connection to {Broker}", broker);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                log.LogWarning("{Broker} ({Endpoint}) not reachable: {Reason}", broker, endpoint, ex.Message);
            }

            while (gone.CurrentCount > 0)
            {
                await gone.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await Task.Delay(delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(60).Ticks));
        }

        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None).ConfigureAwait(false);
        }
    }
}
