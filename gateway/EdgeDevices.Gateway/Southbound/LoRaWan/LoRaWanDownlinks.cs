using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.LoRaWan;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Southbound.LoRaWan;

/// <summary>
/// Commands to LoRaWAN devices as ChirpStack downlinks, and what ChirpStack says of them. Each command goes as
/// confirmed downlinks with ids of the gateway's own (ChirpStack's queue item id), sized for the device's
/// region and the data rate of its last uplink (<see cref="LoRaWanRegions"/>): one compact frame on port 1, or
/// fragments of its JSON form on port 2. ChirpStack's <c>txack</c> says a gateway took a downlink for
/// transmission; its <c>ack</c> says whether the device confirmed it: only then is the command delivered
/// (a command is complete when all its downlinks are). A downlink the device did not confirm in time frees
/// the command to be queued again at once, rather than after the resend period.
/// </summary>
public sealed class LoRaWanDownlinks(BufferDatabase database, TimeProvider time)
{
    /// <summary>The downlinks that carry <paramref name="command"/> in <paramref name="room"/> bytes each.</summary>
    public static IEnumerable<(int Port, byte[] Data)> Frames(DeviceCommand command, byte[] json, int room)
    {
        if (command.Document == null)
        {
            yield return (LoRaPorts.Messages, CompactCodec.Encode(command));
            yield break;
        }

        var count = Fragments.Count(json.Length, room);
        if (count == 0)
        {
            throw new CodecException(CodecError.ValueOutOfRange, "document", $"a command of {json.Length} bytes does not fit {Fragments.MaxCount} downlinks of {room} bytes");
        }

        var frame = new byte[room];
        for (var i = 0; i < count; i++)
        {
            var length = Fragments.Write(json, json.Length, (byte)command.CommandId, i, count, frame);
            yield return (LoRaPorts.Fragment, frame[..length]);
        }
    }

    /// <summary>Records the downlinks queued in ChirpStack for a command, each under its queue item id.</summary>
    public void Queued(string deviceId, ushort commandId, IReadOnlyList<string> queueItemIds)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO lorawan_downlinks(queue_item_id, device_id, command_id, part, parts, queued_at) VALUES($q, $d, $c, $i, $n, $t)";
        for (var i = 0; i < queueItemIds.Count; i++)
        {
            command.Parameters.Clear();
            command.Parameters.AddWithValue("$q", queueItemIds[i]);
            command.Parameters.AddWithValue("$d", deviceId);
            command.Parameters.AddWithValue("$c", (int)commandId);
            command.Parameters.AddWithValue("$i", i);
            command.Parameters.AddWithValue("$n", queueItemIds.Count);
            command.Parameters.AddWithValue("$t", time.GetUtcNow().ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>A gateway took the downlink for transmission; the command's downlink, or null when it is not one of ours.</summary>
    public DownlinkState? Transmitted(string queueItemId, DateTimeOffset at) =>
        Settle(queueItemId, "UPDATE lorawan_downlinks SET transmitted_at = coalesce(transmitted_at, $t) WHERE queue_item_id = $q", at);

    /// <summary>The device confirmed the downlink, or did not in time; the command's state after it, or null when it is not one of ours.</summary>
    public DownlinkState? Acknowledged(string queueItemId, bool acknowledged, DateTimeOffset at) =>
        Settle(queueItemId, acknowledged
            ? "UPDATE lorawan_downlinks SET acknowledged_at = $t, failed_at = NULL WHERE queue_item_id = $q"
            : "UPDATE lorawan_downlinks SET failed_at = $t WHERE queue_item_id = $q AND acknowledged_at IS NULL", at);

    /// <summary>Whether the device has confirmed every downlink of its latest sending of <paramref name="commandId"/>.</summary>
    public bool Delivered(string deviceId, ushort commandId) => State(deviceId, commandId) is { Delivered: true };

    /// <summary>Whether a downlink of the latest sending of <paramref name="commandId"/> went unconfirmed.</summary>
    public bool Failed(string deviceId, ushort commandId) => State(deviceId, commandId) is { Failed: true };

    private DownlinkState? Settle(string queueItemId, string sql, DateTimeOffset at)
    {
        string deviceId;
        ushort commandId;
        using (var connection = database.Open())
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql + " RETURNING device_id, command_id";
            command.Parameters.AddWithValue("$q", queueItemId);
            command.Parameters.AddWithValue("$t", at.ToUnixTimeMilliseconds());
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            deviceId = reader.GetString(0);
            commandId = (ushort)reader.GetInt32(1);
        }

        return State(deviceId, commandId);
    }

    private DownlinkState? State(string deviceId, ushort commandId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        // The latest sending: its downlinks share a queued_at.
        command.CommandText = """
            SELECT count(*), count(transmitted_at), count(acknowledged_at), count(failed_at), max(parts)
            FROM lorawan_downlinks
            WHERE device_id = $d AND command_id = $c
              AND queued_at = (SELECT max(queued_at) FROM lorawan_downlinks WHERE device_id = $d AND command_id = $c)
            """;
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$c", (int)commandId);
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.GetInt64(0) == 0)
        {
            return null;
        }

        var parts = reader.GetInt64(4);
        return new DownlinkState(deviceId, commandId, (int)parts, (int)reader.GetInt64(1), (int)reader.GetInt64(2), reader.GetInt64(3) > 0);
    }

    /// <summary>Drops what is older than <paramref name="cutoffMs"/>.</summary>
    public int RemoveOlderThan(long cutoffMs)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM lorawan_downlinks WHERE queued_at < $c";
        command.Parameters.AddWithValue("$c", cutoffMs);
        return command.ExecuteNonQuery();
    }

    internal const string Sql = """
        CREATE TABLE IF NOT EXISTS lorawan_downlinks(
            queue_item_id TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            command_id INTEGER NOT NULL,
            part INTEGER NOT NULL,
            parts INTEGER NOT NULL,
            queued_at INTEGER NOT NULL,
            transmitted_at INTEGER,
            acknowledged_at INTEGER,
            failed_at INTEGER);
        CREATE INDEX IF NOT EXISTS lorawan_downlinks_command ON lorawan_downlinks(device_id, command_id, queued_at);
        """;
}

/// <summary>Where a command's downlinks stand: how many there are, how many were transmitted and confirmed, whether one went unconfirmed.</summary>
public sealed record DownlinkState(string DeviceId, ushort CommandId, int Parts, int Transmitted, int Confirmed, bool Failed)
{
    /// <summary>Every downlink of the command confirmed by the device.</summary>
    public bool Delivered => Confirmed >= Parts;

    /// <summary>For the operator: e.g. "2 of 3 downlinks confirmed".</summary>
    public override string ToString() => Failed ? $"a downlink of {Parts} went unconfirmed" : $"{Confirmed} of {Parts} downlink(s) confirmed, {Transmitted} transmitted";
}
