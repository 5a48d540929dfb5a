using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// The devices allowed to connect, with their passwords kept only as keyed hashes (<see cref="DeviceSecretHasher"/>,
/// fast enough to check on every connection, so nothing verified is remembered that could outlive a removal).
/// Every change is logged in its own commit (<see cref="DeviceChanges"/>) and raised here, so the running gateway
/// closes a removed or re-passworded device's session at once, whichever process made the change. While a
/// device's credentials are being rotated its new password is accepted too (<see cref="CredentialRotation"/>).
/// </summary>
public sealed class DeviceRegistry(BufferDatabase database, TimeProvider time)
{
    /// <summary>Set by the host: the rotation that may accept a device's next password.</summary>
    internal CredentialRotation? Rotation { get; set; }

    /// <summary>Raised in this process with the device and the change (<see cref="DeviceChanges"/>) once committed.</summary>
    public event Action<string, string>? Changed;

    /// <summary>The hasher of this gateway's device passwords.</summary>
    internal DeviceSecretHasher Hasher { get; } = new(System.IO.Path.GetDirectoryName(database.Path)!);

    /// <summary>The database the registry lives in.</summary>
    internal BufferDatabase Database => database;

    /// <summary>Adds a device or replaces its password (closing a session opened with the old one).</summary>
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

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM devices WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        var change = (long)command.ExecuteScalar()! > 0 ? DeviceChanges.Replaced : DeviceChanges.Added;
        command.CommandText = "INSERT INTO devices(device_id, password_hash, created_at, enabled) VALUES($d, $h, $t, 1) ON CONFLICT(device_id) DO UPDATE SET password_hash = excluded.password_hash, enabled = 1";
        command.Parameters.AddWithValue("$h", Hasher.Hash(deviceId, password));
        command.Parameters.AddWithValue("$t", now);
        command.ExecuteNonQuery();
        DeviceChanges.Record(connection, transaction, deviceId, change, now);
        transaction.Commit();
        Changed?.Invoke(deviceId, change);
    }

    /// <summary>Replaces a device's password by one already hashed (a finished rotation: the device itself switched).</summary>
    internal void SetPasswordHash(string deviceId, string hash)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE devices SET password_hash = $h WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$h", hash);
        command.ExecuteNonQuery();
    }

    /// <summary>Removes a device: it can no longer connect, and its open session is closed.</summary>
    public bool Remove(string deviceId)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM devices WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        var removed = command.ExecuteNonQuery() == 1;
        if (removed)
        {
            DeviceChanges.Record(connection, transaction, deviceId, DeviceChanges.Removed, now);
        }

        transaction.Commit();
        if (removed)
        {
            Changed?.Invoke(deviceId, DeviceChanges.Removed);
        }

        return removed;
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

        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash FROM devices WHERE device_id = $d AND enabled = 1";
        command.Parameters.AddWithValue("$d", deviceId);
        if (command.ExecuteScalar() is not string stored)
        {
            return false;
        }

        if (Hasher.Verify(deviceId, password, stored, out var outdated))
        {
            if (outdated)
            {
                // An entry of the old, slow scheme: from now on the fast one.
                SetPasswordHash(deviceId, Hasher.Hash(deviceId, password));
            }

            return true;
        }

        // A device that has switched to its rotated password (and so finishes the rotation).
        return Rotation?.AcceptsNew(deviceId, password) == true;
    }
}
