using System.Text;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Storage;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Net;

namespace EdgeDevices.Gateway.Northbound;

/// <summary>
/// Forwards readings to NATS JetStream, the scale-out path: subject <c>{subjectPrefix}.{deviceId}.{channel}</c>
/// in a file-backed stream the sink creates if missing. Each message's id is the reading's idempotency key
/// (device:boot:sequence), so a batch sent again after a failure is deduplicated by the server.
/// </summary>
public sealed class NatsJetStreamSink(NatsSinkOptions options, string gatewayId) : ISink
{
    private readonly NatsClient _client = new(new NatsOpts { Url = options.Url, Name = gatewayId });
    private INatsJSContext? _js;

    public string Name => "nats";

    public int BatchSize => options.BatchSize;

    public async Task<IReadOnlyList<SinkRejection>> DeliverAsync(IReadOnlyList<StoredReading> readings, CancellationToken cancellationToken)
    {
        var js = await StreamAsync(cancellationToken).ConfigureAwait(false);
        var acks = new List<Task<PubAckResponse>>(readings.Count);
        foreach (var reading in readings)
        {
            var subject = $"{options.SubjectPrefix}.{reading.DeviceId}.{MqttTopics.ChannelFor(reading.Type)}";
            acks.Add(js.PublishAsync(subject, Encoding.UTF8.GetBytes(reading.Payload), opts: new NatsJSPubOpts { MsgId = reading.IdempotencyKey }, cancellationToken: cancellationToken).AsTask());
        }

        foreach (var ack in await Task.WhenAll(acks).ConfigureAwait(false))
        {
            // A duplicate is a message the stream already holds: delivered.
            if (!ack.Duplicate)
            {
                ack.EnsureSuccess();
            }
        }

        return [];
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private async Task<INatsJSContext> StreamAsync(CancellationToken cancellationToken)
    {
        if (_js != null)
        {
            return _js;
        }

        var js = _client.CreateJetStreamContext();
        await js.CreateOrUpdateStreamAsync(
            new StreamConfig(options.Stream, [options.SubjectPrefix + ".>"])
            {
                Storage = StreamConfigStorage.File,
                DuplicateWindow = TimeSpan.FromMinutes(30),
                NumReplicas = options.Replicas,
            },
            cancellationToken).ConfigureAwait(false);
        _js = js;
        return js;
    }
}
