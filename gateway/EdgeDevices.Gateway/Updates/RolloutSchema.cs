namespace EdgeDevices.Gateway.Updates;

/// <summary>The rollout tables in the gateway's database (buffer schema version 3).</summary>
internal static class RolloutSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS rollouts(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            app TEXT NOT NULL,
            version TEXT NOT NULL,
            manifest TEXT NOT NULL,
            state TEXT NOT NULL,
            canary_percent INTEGER NOT NULL,
            wave_size INTEGER NOT NULL,
            failure_threshold_percent INTEGER NOT NULL,
            wave INTEGER NOT NULL DEFAULT -1,
            wave_started_at INTEGER,
            created_at INTEGER NOT NULL,
            finished_at INTEGER,
            stop_reason TEXT);
        CREATE TABLE IF NOT EXISTS rollout_devices(
            rollout_id INTEGER NOT NULL REFERENCES rollouts(id),
            device_id TEXT NOT NULL,
            wave INTEGER NOT NULL,
            status TEXT NOT NULL,
            reason TEXT,
            command_row INTEGER,
            updated_at INTEGER NOT NULL,
            PRIMARY KEY(rollout_id, device_id));
        CREATE INDEX IF NOT EXISTS rollout_devices_device ON rollout_devices(device_id, status);
        """;
}
