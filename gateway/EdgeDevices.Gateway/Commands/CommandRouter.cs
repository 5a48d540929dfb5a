using EdgeDevices.Gateway.Southbound.LoRaWan;

namespace EdgeDevices.Gateway.Commands;

/// <summary>Sends each command the way its device listens: as ChirpStack downlinks to a LoRaWAN device, else on its MQTT command topic.</summary>
public sealed class CommandRouter(ICommandTransport broker, LoRaWanDevices loRaWanDevices, ChirpStackIntegration? chirpStack) : ICommandTransport
{
    /// <inheritdoc />
    public Task<bool> SendAsync(string deviceId, byte[] payload, CancellationToken cancellationToken) =>
        chirpStack != null && loRaWanDevices.DevEuiOf(deviceId) != null
            ? chirpStack.SendAsync(deviceId, payload, cancellationToken)
            : broker.SendAsync(deviceId, payload, cancellationToken);

    /// <inheritdoc />
    /// <remarks>A LoRaWAN device gets no notices: a downlink's airtime is for commands, and the operator sees the quarantine.</remarks>
    public Task<bool> NotifyAsync(string deviceId, string channel, byte[] payload, CancellationToken cancellationToken) =>
        loRaWanDevices.DevEuiOf(deviceId) != null
            ? Task.FromResult(false)
            : broker.NotifyAsync(deviceId, channel, payload, cancellationToken);
}
