using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Lighting;

/// <summary>
/// Keeps every lamp's parameters in step with its lamp type: when a type changes (its rated power, levels,
/// interface, warm-up, fault thresholds) or a lamp is given another type, each lamp concerned gets the new
/// parameters as a signed <c>setLampType</c> command, resent until it acknowledges; the lamp keeps them on
/// flash and judges its faults by them. Which version each lamp has acknowledged is kept, so the operator
/// sees which lamps run which parameters (GET /api/lighting/lamp-parameters, the dashboard).
/// </summary>
public sealed class LampParameterDistributor(
    LightingStore store,
    CommandQueue queue,
    CommandAnswers answers,
    DeviceKeys keys,
    BufferDatabase database,
    TimeProvider time,
    ILogger<LampParameterDistributor> log) : LampCommandDistributor(store, answers, keys, time, log)
{
    /// <summary>The purpose lamp-parameter commands are queued under.</summary>
    public const string Purpose = "lampType";

    /// <summary>Migration 8: what each lamp was sent and acknowledged.</summary>
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS lamp_parameters(
            device_id TEXT PRIMARY KEY,
            lamp_type_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            acked_version INTEGER NOT NULL DEFAULT 0,
            acked_lamp_type_id TEXT);
        """;

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>A lamp's parameters: the type and version last sent, and what it acknowledged (version 0: nothing yet).</summary>
    public sealed record LampParameterState(string DeviceId, string LampTypeId, int Version, int AckedVersion, string? AckedLampTypeId)
    {
        /// <summary>Whether the lamp runs what it was last sent.</summary>
        public bool Current => AckedVersion == Version;
    }

    /// <inheritdoc />
    protected override string CommandPurpose => Purpose;

    /// <inheritdoc />
    public override int Distribute()
    {
        var sent = 0;
        foreach (var lamp in Store.LampList())
        {
            var type = Store.LampType(lamp.LampTypeId);
            if (type == null || !Keys.Has(lamp.DeviceId))
            {
                continue;
            }

            var section = type.DeviceLampSection();
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(section.ToJsonString())));
            var state = State(lamp.DeviceId);
            var unchanged = state != null && state.Value.Hash == hash;
            if (unchanged && (state!.Value.Acked >= state.Value.Version || queue.HasPending(lamp.DeviceId, Purpose)))
            {
                continue;
            }

            // The version only grows on the lamp: the lighting model's, or the one sent before when resending the same.
            var version = unchanged ? state!.Value.Version : Math.Max(Store.Version, (state?.Version ?? 0) + 1);
            var document = new JsonObject { ["version"] = version, ["lamp"] = section }.ToJsonString();
            queue.Enqueue(lamp.DeviceId, new DeviceCommand { Kind = CommandKind.SetLampType, Document = document }, Purpose, Lifetime);
            Record(lamp.DeviceId, type.Id, version, hash);
            sent++;
        }

        return sent;
    }

    /// <summary>What every lamp was sent and acknowledged.</summary>
    public IReadOnlyList<LampParameterState> States()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT device_id, lamp_type_id, version, acked_version, acked_lamp_type_id FROM lamp_parameters ORDER BY device_id";
        using var reader = command.ExecuteReader();
        var states = new List<LampParameterState>();
        while (reader.Read())
        {
            states.Add(new LampParameterState(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return states;
    }

    /// <inheritdoc />
    protected override void Acknowledged(string deviceId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE lamp_parameters SET acked_version = version, acked_lamp_type_id = lamp_type_id WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    protected override void NotTaken(CommandRecord record) =>
        log.LogWarning("{Lamp} did not take its lamp parameters: {Status} {Result}", record.DeviceId, record.Status, record.Result);

    private (int Version, int Acked, string Hash)? State(string deviceId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, acked_version, content_hash FROM lamp_parameters WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2)) : null;
    }

    private void Record(string deviceId, string lampTypeId, int version, string hash)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO lamp_parameters(device_id, lamp_type_id, version, content_hash) VALUES($d, $t, $v, $h)
            ON CONFLICT(device_id) DO UPDATE SET lamp_type_id = excluded.lamp_type_id, version = excluded.version, content_hash = excluded.content_hash
            """;
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$t", lampTypeId);
        command.Parameters.AddWithValue("$v", version);
        command.Parameters.AddWithValue("$h", hash);
        command.ExecuteNonQuery();
    }
}
