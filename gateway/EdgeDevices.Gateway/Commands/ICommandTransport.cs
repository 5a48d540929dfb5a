namespace EdgeDevices.Gateway.Commands;

/// <summary>Delivers a command payload to a device's command topic (the embedded broker or the external one).</summary>
public interface ICommandTransport
{
    /// <summary>Publishes <paramref name="payload"/> to <c>edge/{deviceId}/cmd</c> at QoS 1; false when it could not be handed over now.</summary>
    Task<bool> SendAsync(string deviceId, byte[] payload, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes a notice to the device's <paramref name="channel"/> topic (<c>edge/{deviceId}/{channel}</c>) at QoS 1, where
    /// the device listens for it; false when it could not be handed over now or the device has no such topic (LoRaWAN).
    /// </summary>
    Task<bool> NotifyAsync(string deviceId, string channel, byte[] payload, CancellationToken cancellationToken);
}
