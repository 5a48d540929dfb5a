namespace EdgeDevices.Gateway.Metering;

/// <summary>The metering tables in the gateway's database (created when missing).</summary>
internal static class MeteringSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS meter_samples(
            device_id TEXT NOT NULL,
            channel INTEGER NOT NULL,
            medium INTEGER NOT NULL,
            device_time INTEGER NOT NULL,
            raw_milli INTEGER NOT NULL,
            total_milli INTEGER NOT NULL,
            PRIMARY KEY(device_id, channel, device_time));
        """;
}
