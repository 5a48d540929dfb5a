using System.Globalization;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Metering;

/// <summary>
/// A meter's total never goes down: the buffer's commit step that unwraps a compact reading's total (carried
/// modulo 2^28) against the channel's last one, refuses a total below it unless the register rolled over (from
/// its top tenth to its bottom tenth), and keeps each channel's last total in <c>meter_totals</c> in the same
/// transaction as the reading. The last totals are cached once their commit is on disk.
/// </summary>
public sealed class MeterTotalContinuity(IOptions<MeteringOptions> metering) : ICommitStep
{
    private readonly Dictionary<(string Device, int Channel), long> _committed = [];
    private readonly Dictionary<(string Device, int Channel), long> _pending = [];
    private SqliteTransaction? _transaction;

    /// <summary>Thousandths of a unit in a register of <paramref name="digits"/> whole digits.</summary>
    public static long RegisterMilli(int digits) => (long)Math.Pow(10, digits) * 1000;

    /// <inheritdoc />
    public void Begin(SqliteTransaction transaction)
    {
        _transaction = transaction;
        _pending.Clear();
    }

    /// <inheritdoc />
    public Rejection? Check(IngestItem item, Message message)
    {
        if (message is not MeterReading meter)
        {
            return null;
        }

        var key = (item.DeviceId, (int)meter.Channel);
        var last = Last(key);
        if (last >= 0 && item.Payload.Length > 0 && item.Payload[0] != (byte)'{')
        {
            // The compact form carries the total modulo 2^28: unwrap it against the last one.
            meter.TotalMilli = MeterReading.UnwrapTotal(last, meter.TotalMilli);
        }

        if (last >= 0 && meter.TotalMilli < last && !IsRollover(last, meter.TotalMilli))
        {
            return new Rejection(string.Create(CultureInfo.InvariantCulture, $"meter total went down from {last} to {meter.TotalMilli} (thousandths)"), "total");
        }

        _pending[key] = meter.TotalMilli;
        using var save = Transaction.Connection!.CreateCommand();
        save.Transaction = Transaction;
        save.CommandText = "INSERT INTO meter_totals(device_id, channel, total_milli) VALUES($d, $c, $v) ON CONFLICT(device_id, channel) DO UPDATE SET total_milli = excluded.total_milli";
        save.Parameters.AddWithValue("$d", item.DeviceId);
        save.Parameters.AddWithValue("$c", (int)meter.Channel);
        save.Parameters.AddWithValue("$v", meter.TotalMilli);
        save.ExecuteNonQuery();
        return null;
    }

    /// <inheritdoc />
    public void Committed()
    {
        foreach (var (key, value) in _pending)
        {
            _committed[key] = value;
        }

        _pending.Clear();
        _transaction = null;
    }

    /// <inheritdoc />
    public void Abandoned()
    {
        _pending.Clear();
        _transaction = null;
    }

    private SqliteTransaction Transaction => _transaction ?? throw new InvalidOperationException("a commit step checked outside a commit");

    // The last total in this commit, else the last committed one, else the stored one (-1: none yet).
    private long Last((string Device, int Channel) key)
    {
        if (_pending.TryGetValue(key, out var total) || _committed.TryGetValue(key, out total))
        {
            return total;
        }

        using var command = Transaction.Connection!.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = "SELECT total_milli FROM meter_totals WHERE device_id = $d AND channel = $c";
        command.Parameters.AddWithValue("$d", key.Device);
        command.Parameters.AddWithValue("$c", key.Channel);
        total = command.ExecuteScalar() is long value ? value : -1;
        _committed[key] = total;
        return total;
    }

    private bool IsRollover(long lastMilli, long totalMilli)
    {
        var register = RegisterMilli(metering.Value.RegisterDigits);
        return lastMilli >= register / 10 * 9 && totalMilli < register / 10;
    }
}
