using System.Collections.Concurrent;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Southbound.LoRaWan;

/// <summary>
/// The gateway's LoRaWAN devices: each DevEUI mapped to the device id its messages are filed under (the
/// same id as in the device's config.json and in every other table). Looked up on every uplink, so the
/// map is kept in memory and refreshed on each change, here or, through <see cref="DeviceChangeWatcher"/>,
/// from the command line.
/// </summary>
public sealed class LoRaWanDevices(BufferDatabase database, TimeProvider time)
{
    private readonly object _sync = new();
    private ConcurrentDictionary<string, string>? _byEui;
    private ConcurrentDictionary<string, string>? _byDevice;

    /// <summary>Maps <paramref name="devEui"/> (16 hex digits) to <paramref name="deviceId"/>, replacing an earlier mapping of either.</summary>
    public void Register(string deviceId, string devEui)
    {
        if (!MqttTopics.IsValidDeviceId(deviceId))
        {
            throw new ArgumentException($"'{deviceId}' is not a device id (3–32 of a-z, 0-9, '-')", nameof(deviceId));
        }

        var eui = Normalise(devEui) ?? throw new ArgumentException($"'{devEui}' is not a DevEUI (16 hex digits)", nameof(devEui));
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM lorawan_devices WHERE dev_eui = $e OR device_id = $d";
            delete.Parameters.AddWithValue("$e", eui);
            delete.Parameters.AddWithValue("$d", deviceId);
            delete.ExecuteNonQuery();
        }

        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO lorawan_devices(dev_eui, device_id, created_at) VALUES($e, $d, $t)";
            insert.Parameters.AddWithValue("$e", eui);
            insert.Parameters.AddWithValue("$d", deviceId);
            insert.Parameters.AddWithValue("$t", time.GetUtcNow().ToUnixTimeMilliseconds());
            insert.ExecuteNonQuery();
        }

        DeviceChanges.Record(connection, transaction, deviceId, DeviceChanges.Added, time.GetUtcNow().ToUnixTimeMilliseconds());
        transaction.Commit();
        Invalidate();
    }

    /// <summary>Forgets a device's DevEUI; true when it had one.</summary>
    public bool Remove(string deviceId)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM lorawan_devices WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        var removed = command.ExecuteNonQuery() == 1;
        if (removed)
        {
            DeviceChanges.Record(connection, transaction, deviceId, DeviceChanges.Removed, time.GetUtcNow().ToUnixTimeMilliseconds());
        }

        transaction.Commit();
        Invalidate();
        return removed;
    }

    /// <summary>The device id of <paramref name="devEui"/>, or null when it is not one of ours.</summary>
    public string? DeviceOf(string devEui)
    {
        var eui = Normalise(devEui);
        return eui != null && Load().ByEui.TryGetValue(eui, out var id) ? id : null;
    }

    /// <summary>The DevEUI of <paramref name="deviceId"/>, or null when it is not a LoRaWAN device.</summary>
    public string? DevEuiOf(string deviceId) => Load().ByDevice.TryGetValue(deviceId, out var eui) ? eui : null;

    /// <summary>All mappings, by device id.</summary>
    public IReadOnlyList<(string DeviceId, string DevEui)> List() =>
        [.. Load().ByDevice.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))];

    /// <summary>Lower-case DevEUI, or null when <paramref name="devEui"/> is not 16 hex digits.</summary>
    public static string? Normalise(string? devEui) =>
        devEui is { Length: 16 } && devEui.All(Uri.IsHexDigit) ? devEui.ToLowerInvariant() : null;

    /// <summary>Forgets the map kept in memory, so the next look-up reads what another process may have changed.</summary>
    public void Invalidate()
    {
        lock (_sync)
        {
            _byEui = null;
            _byDevice = null;
        }
    }

    private (ConcurrentDictionary<string, string> ByEui, ConcurrentDictionary<string, string> ByDevice) Load()
    {
        lock (_sync)
        {
            if (_byEui != null && _byDevice != null)
            {
                return (_byEui, _byDevice);
            }

            var byEui = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            var byDevice = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            using var connection = database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT dev_eui, device_id FROM lorawan_devices";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                byEui[reader.GetString(0)] = reader.GetString(1);
                byDevice[reader.GetString(1)] = reader.GetString(0);
            }

            _byEui = byEui;
            _byDevice = byDevice;
            return (byEui, byDevice);
        }
    }
}
