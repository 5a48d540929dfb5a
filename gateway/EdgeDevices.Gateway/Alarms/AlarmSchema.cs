namespace EdgeDevices.Gateway.Alarms;

/// <summary>The alarm table in the gateway's database (created when missing).</summary>
internal static class AlarmSchema
{
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS alarms(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            device_id TEXT NOT NULL,
            code TEXT NOT NULL,
            severity TEXT NOT NULL,
            raised_at INTEGER NOT NULL,
            cleared_at INTEGER,
            evidence TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS alarms_open ON alarms(device_id, code, cleared_at);
        """;

    /// <summary>Migration 10: an operator's acknowledgement of an alarm (seen, being dealt with).</summary>
    public const string AcknowledgeSql = "ALTER TABLE alarms ADD COLUMN acknowledged_at INTEGER;";
}
