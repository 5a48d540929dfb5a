using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Operations;
using EdgeDevices.Gateway.Pipeline;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// Tells a device when one of its payloads went to the quarantine: a notice on <c>edge/{deviceId}/rejects</c>
/// (QoS 1, so a device that is away gets it from its persistent session) with the quarantine entry, the
/// refused message's boot id and sequence when it could be read, the reason and the field at fault
/// (docs/wire-format.md). The payload itself was acknowledged (sending it again would not make it valid);
/// the device logs the notice and counts it in its health report. A device that sends garbage in a loop gets
/// at most <see cref="PerDevicePerMinute"/> notices a minute; LoRaWAN devices get none (airtime is for
/// commands). Sent off the pipeline's thread, so a slow broker never holds up commits.
/// </summary>
public sealed class RejectNotices(IServiceProvider services, GatewayMetrics metrics, TimeProvider time, ILogger<RejectNotices> log) : BackgroundService, IQuarantineObserver
{
    /// <summary>Notices one device gets in a minute at most; the rest are counted, not sent.</summary>
    public const int PerDevicePerMinute = 10;

    /// <summary>Longest reason a notice carries (the whole one stays in the quarantine).</summary>
    public const int MaxReasonLength = 200;

    private readonly Channel<(string DeviceId, byte[] Payload)> _queue = Channel.CreateBounded<(string, byte[])>(new BoundedChannelOptions(1000) { SingleReader = true });
    private readonly ConcurrentDictionary<string, (long Minute, int Count)> _recent = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public void OnQuarantined(IngestItem item)
    {
        // A network server's event that names no known device has nobody to tell.
        if (item.DeviceId.Length == 0 || !MqttTopics.IsValidDeviceId(item.DeviceId))
        {
            return;
        }

        var minute = time.GetUtcNow().ToUnixTimeSeconds() / 60;
        var recent = _recent.AddOrUpdate(item.DeviceId, _ => (minute, 1), (_, r) => r.Minute == minute ? (minute, r.Count + 1) : (minute, 1));
        if (recent.Count > PerDevicePerMinute)
        {
            metrics.RejectNotices.WithLabels("suppressed").Inc();
            return;
        }

        if (!_queue.Writer.TryWrite((item.DeviceId, Encode(item))))
        {
            metrics.RejectNotices.WithLabels("dropped").Inc();
        }
    }

    /// <summary>The notice for <paramref name="item"/>, as JSON (docs/wire-format.md, "Reject notices").</summary>
    public static byte[] Encode(IngestItem item)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("v", 1);
            json.WriteString("type", "reject");
            json.WriteNumber("quarantineId", item.QuarantineId);
            if ((item.Message ?? item.Decoded) is { } message)
            {
                json.WriteNumber("boot", message.BootId);
                json.WriteNumber("seq", message.Sequence);
            }

            var reason = item.Rejection?.Reason ?? "rejected";
            json.WriteString("reason", reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason);
            if (item.Rejection?.Field is { Length: > 0 } field)
            {
                json.WriteString("field", field);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not injected: the brokers feed the pipeline, which tells this class, which sends through them.
        var transport = services.GetRequiredService<ICommandTransport>();
        try
        {
            await foreach (var (deviceId, payload) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                bool sent;
                try
                {
                    sent = await transport.NotifyAsync(deviceId, MqttTopics.Rejects, payload, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogWarning("a reject notice could not be sent: {Error}", ex.Message);
                    sent = false;
                }

                metrics.RejectNotices.WithLabels(sent ? "sent" : "notSent").Inc();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: notices still queued are not worth holding the shutdown for; the quarantine has them all.
        }
    }
}
