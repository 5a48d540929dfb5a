namespace EdgeDevices.Ctl.Provisioning;

/// <summary>What a technician says about a new device.</summary>
public sealed record ProvisionRequest(
    string DeviceId,
    string Role,
    string Board,
    double? Latitude,
    double? Longitude,
    string? Group,
    string? LampType,
    string Transport,
    string? WifiSsid,
    string? WifiPassword,
    string BrokerHost,
    int BrokerPort,
    string? DevEui,
    string Region,
    string SerialPort,
    IReadOnlyList<string> MeterChannels,
    string? CaCertificate = null,
    string? ReleaseKeyFile = null,
    bool Rotate = false);
