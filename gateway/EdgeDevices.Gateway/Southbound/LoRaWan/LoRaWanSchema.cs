namespace EdgeDevices.Gateway.Southbound.LoRaWan;

/// <summary>Which device id each LoRaWAN DevEUI belongs to (created when missing).</summary>
internal static class LoRaWanSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS lorawan_devices(
            dev_eui TEXT PRIMARY KEY,
            device_id TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL);
        """;
}
