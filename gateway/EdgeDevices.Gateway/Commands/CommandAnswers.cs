using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Alarms;
using EdgeDevices.Gateway.Operations;
using EdgeDevices.Gateway.Pipeline;

namespace EdgeDevices.Gateway.Commands;

/// <summary>
/// Reads the devices' answers to commands from the pipeline and records them. A refusal for failed
/// verification becomes an alarm, and an event to the platform: either the gateway's key is wrong or someone
/// is forging commands.
/// </summary>
public sealed class CommandAnswers(CommandQueue queue, AlarmBook alarms, GatewayEvents events, GatewayMetrics metrics, Privacy.Pseudonyms pseudonyms, TimeProvider time, ILogger<CommandAnswers> log) : IIngestObserver
{
    /// <summary>Raised when a device answers a command (after the queue has recorded it).</summary>
    public event Action<CommandRecord>? Answered;

    /// <inheritdoc />
    public void OnStored(string deviceId, Message message, long receivedAtMs)
    {
        if (message is not CommandAck ack)
        {
            return;
        }

        var record = queue.Complete(deviceId, ack.CommandId, ack.Result);
        if (record == null)
        {
            return;
        }

        metrics.Commands.WithLabels(record.Status == CommandStatus.Acknowledged ? "acknowledged" : "refused").Inc();
        if (ack.Result == AckResult.AuthenticationFailed)
        {
            alarms.Raise(deviceId, "commandRefused", "alarm", receivedAtMs, CommandDispatcher.Evidence(record));
            events.Forward(deviceId, EventCode.CommandRefused, true, EventSeverity.Alarm, record.CommandId, time.GetUtcNow(), GatewayEvents.CommandCounter(deviceId));
        }
        else if (ack.Result != AckResult.Ok)
        {
            log.LogWarning("{Device} refused command {Id} ({Kind}): {Result}", pseudonyms.Public(deviceId), record.CommandId, record.Kind, record.Result);
        }

        Answered?.Invoke(record);
    }
}
