using System.Security.Cryptography;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Gateway.Storage;
using Microsoft.Data.Sqlite;

namespace EdgeDevices.Gateway.Commands;

/// <summary>
/// Each device's command key (the same 32 bytes its config.json carries) and the gateway's side of the
/// replay protection: the last counter and command id it used. A counter is the larger of "last + 1" and
/// the Unix time in seconds, so even a gateway restored from an old backup (or rebuilt from nothing)
/// starts above anything a device has seen. The keys are secrets: they stay in the gateway's state
/// directory (mode 0750, the service user only) and never appear in logs or the API.
/// </summary>
public sealed class DeviceKeys(BufferDatabase database)
{
    /// <summary>Raised when a key is stored: a device may now be sent what waited for it.</summary>
    public event Action? Changed;

    /// <summary>Stores <paramref name="deviceId"/>'s key (replacing any).</summary>
    public void Set(string deviceId, byte[] key)
    {
        if (key.Length != CommandMac.KeySize)
        {
            throw new ArgumentException("a command key has 32 bytes", nameof(key));
        }

        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO device_keys(device_id, command_key) VALUES($d, $k) ON CONFLICT(device_id) DO UPDATE SET command_key = excluded.command_key";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$k", key);
        command.ExecuteNonQuery();
        Changed?.Invoke();
    }

    /// <summary>A fresh random key for <paramref name="deviceId"/>, stored; give it to the device's config.json.</summary>
    public byte[] Generate(string deviceId)
    {
        var key = RandomNumberGenerator.GetBytes(CommandMac.KeySize);
        Set(deviceId, key);
        return key;
    }

    /// <summary>Whether <paramref name="deviceId"/> has a key.</summary>
    public bool Has(string deviceId) => Key(deviceId) != null;

    /// <summary>The key, or null.</summary>
    internal byte[]? Key(string deviceId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT command_key FROM device_keys WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        return command.ExecuteScalar() as byte[];
    }

    /// <summary>Takes the next command id and counter for <paramref name="deviceId"/>; null when it has no key.</summary>
    internal (ushort CommandId, uint Counter, byte[] Key)? Next(string deviceId, long unixSeconds)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        var next = Next(connection, transaction, deviceId, unixSeconds);
        transaction.Commit();
        return next;
    }

    /// <summary>
    /// Takes the next command id and counter inside the caller's transaction, so the command that carries them
    /// is stored in the same commit: commands are then queued (and sent) in counter order, which the device
    /// needs, as it refuses a counter below one it has already taken.
    /// </summary>
    internal static (ushort CommandId, uint Counter, byte[] Key)? Next(SqliteConnection connection, SqliteTransaction transaction, string deviceId, long unixSeconds)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE device_keys SET
                last_counter = MAX(last_counter + 1, $now),
                last_command_id = (last_command_id % 65535) + 1
            WHERE device_id = $d
            RETURNING last_command_id, last_counter, command_key
            """;
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$now", Math.Min(unixSeconds, uint.MaxValue));
        (ushort, uint, byte[])? next = null;
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                next = ((ushort)reader.GetInt64(0), (uint)reader.GetInt64(1), (byte[])reader.GetValue(2));
            }
        }

        return next;
    }
}
