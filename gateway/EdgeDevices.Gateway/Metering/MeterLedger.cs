using System.Collections.Concurrent;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Storage;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Metering;

/// <summary>
/// Every meter reading's total, kept beyond the buffer's life, as the device sent it and as a continuous
/// index: when a register rolls over (its last digit passed, back to 0) the continuous index carries on,
/// so consumption across the rollover is right. After each water reading past the night window the night
/// is checked for a leak.
/// </summary>
public sealed class MeterLedger(BufferDatabase database, IOptions<MeteringOptions> meteringOptions, IOptions<LightingOptions> lighting, NightFlowCheck nightFlow) : IIngestObserver
{
    private readonly ConcurrentDictionary<(string, int), DateOnly> _checkedNights = new();

    /// <summary>A meter's index at a moment (Unix seconds), continuous across rollovers, in thousandths.</summary>
    public sealed record Sample(long DeviceTime, long TotalMilli, MeterMedium Medium);

    /// <inheritdoc />
    public void OnStored(string deviceId, Message message, long receivedAtMs)
    {
        if (message is not MeterReading meter)
        {
            return;
        }

        var time = meter.Timestamp != 0 ? meter.Timestamp : receivedAtMs / 1000;
        var previous = Last(deviceId, meter.Channel, time);
        var total = meter.TotalMilli;
        if (previous != null)
        {
            // The continuous index moves by what the raw register moved, a rollover included.
            var step = meter.TotalMilli - previous.Value.Raw;
            if (step < 0)
            {
                step += MeterTotalContinuity.RegisterMilli(meteringOptions.Value.RegisterDigits);
            }

            total = previous.Value.Total + step;
        }

        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT OR IGNORE INTO meter_samples(device_id, channel, medium, device_time, raw_milli, total_milli) VALUES($d, $c, $m, $t, $r, $v)";
            command.Parameters.AddWithValue("$d", deviceId);
            command.Parameters.AddWithValue("$c", (int)meter.Channel);
            command.Parameters.AddWithValue("$m", (int)meter.Medium);
            command.Parameters.AddWithValue("$t", time);
            command.Parameters.AddWithValue("$r", meter.TotalMilli);
            command.Parameters.AddWithValue("$v", total);
            command.ExecuteNonQuery();
        }

        if (meter.Medium == MeterMedium.Water)
        {
            CheckNight(deviceId, meter.Channel, time);
        }
    }

    /// <summary>The samples of a channel from <paramref name="fromUnix"/> to <paramref name="toUnix"/>, with the last one before and the first one after (for interpolation).</summary>
    public IReadOnlyList<Sample> Samples(string deviceId, int channel, long fromUnix, long toUnix)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT device_time, total_milli, medium FROM meter_samples WHERE device_id = $d AND channel = $c AND device_time BETWEEN
                COALESCE((SELECT MAX(device_time) FROM meter_samples WHERE device_id = $d AND channel = $c AND device_time <= $f), $f)
                AND COALESCE((SELECT MIN(device_time) FROM meter_samples WHERE device_id = $d AND channel = $c AND device_time >= $t), $t)
            ORDER BY device_time
            """;
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$c", channel);
        command.Parameters.AddWithValue("$f", fromUnix);
        command.Parameters.AddWithValue("$t", toUnix);
        using var reader = command.ExecuteReader();
        var samples = new List<Sample>();
        while (reader.Read())
        {
            samples.Add(new Sample(reader.GetInt64(0), reader.GetInt64(1), (MeterMedium)reader.GetInt32(2)));
        }

        return samples;
    }

    private (long Raw, long Total)? Last(string deviceId, int channel, long beforeOrAt)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT raw_milli, total_milli FROM meter_samples WHERE device_id = $d AND channel = $c AND device_time <= $t ORDER BY device_time DESC LIMIT 1";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$c", channel);
        command.Parameters.AddWithValue("$t", beforeOrAt);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    // Once a reading from after the night window arrives, that night is judged (once per night).
    private void CheckNight(string deviceId, int channel, long unixSeconds)
    {
        var metering = meteringOptions.Value;
        var local = DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToOffset(TimeSpan.FromMinutes(lighting.Value.UtcOffsetMinutes));
        if (local.Hour < metering.NightUntilHour)
        {
            return;
        }

        var night = DateOnly.FromDateTime(local.DateTime);
        if (_checkedNights.TryGetValue((deviceId, channel), out var last) && last >= night)
        {
            return;
        }

        _checkedNights[(deviceId, channel)] = night;
        nightFlow.Judge(deviceId, channel, night);
    }
}
