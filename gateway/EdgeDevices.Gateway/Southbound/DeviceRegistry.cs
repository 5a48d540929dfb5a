using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// The devices allowed to connect, with their passwords stored hashed. Checking a PBKDF2 hash is slow on
/// purpose; a password that has checked out once is remembered (as its SHA-256, never in clear) so a street
/// of devices reconnecting after an outage does not stall the gateway. While a device's credentials are
/// being rotated its new password is accepted too (<see cref="CredentialRotation"/>).
/// </summary>
public sealed class DeviceRegistry(BufferDatabase database, TimeProvider time)
{
    /// <summary>Set by the host: the rotation that may accept a device's next password.</summary>
    internal CredentialRotation? Rotation { get; set; }

    private readonly ConcurrentDictionary<string, byte[]> _verified = new(StringComparer.Ordinal);

    /// <summary>The database the registry lives in.</summary>
    internal BufferDatabase Database => database;

    /// <summary>Adds a device or replaces its password.</summary>
    public void Register(string deviceId, string password)
    {
        if (!MqttTopics.IsValidDeviceId(deviceId))
        {
            throw new ArgumentException($"'{deviceId}' is not a device id (3–32 of a-z, 0-9, '-')", nameof(deviceId));
        }

        if (password.Length is < 8 or > 128)
        {
            throw new ArgumentException("a device password has 8–128 characters", nameof(password));
        }

        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO devices(device_id, password_hash, created_at, enabled) VALUES($d, $h, $t, 1) ON CONFLICT(device_id) DO UPDATE SET password_hash = excluded.password_hash, enabled = 1";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$h", PasswordHasher.Hash(password));
        command.Parameters.AddWithValue("$t", time.GetUtcNow().ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
        _verified.TryRemove(deviceId, out _);
    }

    /// <summary>Replaces a device's password by one already hashed (a finished rotation).</summary>
    internal void SetPasswordHash(string deviceId, string hash)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE devices SET password_hash = $h WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$h", hash);
        command.ExecuteNonQuery();
        _verified.TryRemove(deviceId, out _);
    }

    /// <summary>Removes a device; it can no longer connect.</summary>
    public bool Remove(string deviceId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM devices WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        _verified.TryRemove(deviceId, out _);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>The registered device ids.</summary>
    public IReadOnlyList<string> List()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT device_id FROM devices WHERE enabled = 1 ORDER BY device_id";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Whether <paramref name="deviceId"/> is registered with <paramref name="password"/>.</summary>
    public bool Verify(string deviceId, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return false;
        }

        var fingerprint = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        if (_verified.TryGetValue(deviceId, out var known) && CryptographicOperations.FixedTimeEquals(known, fingerprint))
        {
            return true;
        }

        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash FROM devices WHERE device_id = $d AND enabled = 1";
        command.Parameters.AddWithValue("$d", deviceId);
        if (command.ExecuteScalar() is not string stored)
        {
            return false;
        }

        if (!PasswordHasher.Verify(password, stored))
        {
            // A device that has switched to its rotated password (and so finishes the rotation).
            if (Rotation?.AcceptsNew(deviceId, password) != true)
            {
                return false;
            }
        }

        _verified[deviceId] = fingerprint;
        return true;
    }
}
