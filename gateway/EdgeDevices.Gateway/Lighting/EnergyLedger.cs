using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Lighting;

/// <summary>
/// Keeps every lamp's energy counters as the device reported them (cumulative watt-hours, burning minutes,
/// switch-ons, every 15 minutes), beyond the buffer's life, so an energy report can always be traced back
/// to the device's own counters.
/// </summary>
public sealed class EnergyLedger(BufferDatabase database) : IIngestObserver
{
    /// <summary>One reading of a lamp's counters; <see cref="DeviceTime"/> in Unix seconds.</summary>
    public sealed record Sample(string DeviceId, long DeviceTime, int BootId, long EnergyWattHours, long BurnMinutes, long SwitchOns);

    /// <inheritdoc />
    public void OnStored(string deviceId, Message message, long receivedAtMs)
    {
        if (message is not LampEnergy energy)
        {
            return;
        }

        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO lamp_energy(device_id, device_time, boot_id, energy_wh, burn_minutes, switch_ons) VALUES($d, $t, $b, $e, $m, $s)";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$t", energy.Timestamp != 0 ? energy.Timestamp : receivedAtMs / 1000);
        command.Parameters.AddWithValue("$b", (int)energy.BootId);
        command.Parameters.AddWithValue("$e", (long)energy.EnergyWattHours);
        command.Parameters.AddWithValue("$m", (long)energy.BurnMinutes);
        command.Parameters.AddWithValue("$s", (long)energy.SwitchOnCount);
        command.ExecuteNonQuery();
    }

    /// <summary>The last sample at or before <paramref name="unixSeconds"/>, else the first after it; null when none.</summary>
    public Sample? At(string deviceId, long unixSeconds)
    {
        return Query(deviceId, "device_time <= $t ORDER BY device_time DESC", unixSeconds)
            ?? Query(deviceId, "device_time > $t ORDER BY device_time", unixSeconds);
    }

    private Sample? Query(string deviceId, string condition, long unixSeconds)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT device_time, boot_id, energy_wh, burn_minutes, switch_ons FROM lamp_energy WHERE device_id = $d AND {condition} LIMIT 1";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$t", unixSeconds);
        using var reader = command.ExecuteReader();
        return reader.Read() ? new Sample(deviceId, reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)) : null;
    }
}
