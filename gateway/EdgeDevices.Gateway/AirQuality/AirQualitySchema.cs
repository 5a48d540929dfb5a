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

    /// <summary>Migration 7: PM1 as well, which tells a PMS5003's samples (the humidity correction's sensor) from an SDS011's.</summary>
    public const string Pm1Sql = "ALTER TABLE aq_samples ADD COLUMN pm1 REAL;";
}
