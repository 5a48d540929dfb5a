namespace EdgeDevices.Gateway.Lighting;

/// <summary>The lighting tables in the gateway's database (created when missing).</summary>
internal static class LightingSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS lighting_model(
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            json TEXT NOT NULL,
            PRIMARY KEY(kind, id));
        CREATE TABLE IF NOT EXISTS lamp_schedules(
            device_id TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            acked_version INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS overrides(
            target TEXT PRIMARY KEY,
            level INTEGER NOT NULL,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS lamp_energy(
            device_id TEXT NOT NULL,
            device_time INTEGER NOT NULL,
            boot_id INTEGER NOT NULL,
            energy_wh INTEGER NOT NULL,
            burn_minutes INTEGER NOT NULL,
            switch_ons INTEGER NOT NULL,
            PRIMARY KEY(device_id, device_time));
        """;
}
