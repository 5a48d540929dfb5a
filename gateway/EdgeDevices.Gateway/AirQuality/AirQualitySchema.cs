namespace EdgeDevices.Gateway.AirQuality;

/// <summary>The air-quality table in the gateway's database (created when missing).</summary>
internal static class AirQualitySchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS aq_samples(
            device_id TEXT NOT NULL,
            device_time INTEGER NOT NULL,
            pm25 REAL,
            pm10 REAL,
            humidity REAL,
            PRIMARY KEY(device_id, device_time));
        """;
}
