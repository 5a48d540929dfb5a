namespace EdgeDevices.Fleet.Provisioning;

/// <summary>A device's LoRaWAN identity (OTAA) and region, as written into its config.json and registered with the network server.</summary>
public sealed record LoRaWanSpec(string DevEui, string JoinEui, string AppKey, string Region = "IN865")
{
    /// <summary>A stable identity derived from the device id (so a test run is repeatable).</summary>
    public static LoRaWanSpec For(string deviceId)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("lorawan:" + deviceId));
        return new LoRaWanSpec("70b3d5" + Convert.ToHexStringLower(hash.AsSpan(0, 5)), "70b3d57ed0000001", Convert.ToHexStringLower(hash.AsSpan(8, 16)));
    }
}
