namespace EdgeDevices.Gateway.Commands;

/// <summary>The command tables in the gateway's database (created when missing).</summary>
internal static class CommandSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS device_keys(
            device_id TEXT PRIMARY KEY,
            command_key BLOB NOT NULL,
            last_counter INTEGER NOT NULL DEFAULT 0,
            last_command_id INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS commands(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            device_id TEXT NOT NULL,
            command_id INTEGER NOT NULL,
            kind TEXT NOT NULL,
            purpose TEXT NOT NULL,
            payload TEXT NOT NULL,
            status TEXT NOT NULL,
            result TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            created_at INTEGER NOT NULL,
            next_attempt_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            completed_at INTEGER);
        CREATE INDEX IF NOT EXISTS commands_pending ON commands(status, next_attempt_at);
        CREATE INDEX IF NOT EXISTS commands_device ON commands(device_id, command_id);
        """;

    /// <summary>Migration 6: what the network said of a command (LoRaWAN txack and ack).</summary>
    public const string NetworkDeliverySql = """
        ALTER TABLE commands ADD COLUMN transmitted_at INTEGER;
        ALTER TABLE commands ADD COLUMN delivered_at INTEGER;
        """;
}
