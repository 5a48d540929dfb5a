using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Southbound.LoRaWan;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// Gives a device a new MQTT password and command key without a technician at the pole, and without a moment
/// when the device and the gateway disagree: the new credentials go to the device as a <c>rotateCredentials</c>
/// command signed with the key they replace; the device keeps them on flash and switches once the gateway has
/// its acknowledgement, and so does the gateway. Until then both the old and the new password are accepted (a
/// device that switched and restarted before its acknowledgement arrived is let in, and that finishes the
/// rotation too). The new password is kept only as a hash; the command carrying it has its document blanked
/// once answered. LoRaWAN devices have no password and take no documents over the air: their keys change by
/// flashing.
/// </summary>
public sealed class CredentialRotation(
    BufferDatabase database,
    DeviceRegistry registry,
    DeviceKeys keys,
    LoRaWanDevices loRaWan,
    CommandQueue queue,
    CommandAnswers answers,
    TimeProvider time,
    ILogger<CredentialRotation> log) : IHostedService
{
    /// <summary>The purpose rotation commands are queued under.</summary>
    public const string Purpose = "credentials";

    /// <summary>Migration 9: rotations under way.</summary>
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS credential_rotations(
            device_id TEXT PRIMARY KEY,
            password_hash TEXT NOT NULL,
            command_key BLOB NOT NULL,
            command_record INTEGER NOT NULL,
            started_at INTEGER NOT NULL);
        """;

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>
    /// Starts a rotation of <paramref name="deviceId"/>'s credentials; throws <see cref="ArgumentException"/> (naming the
    /// field) for bad input and <see cref="InvalidOperationException"/> when the device cannot be rotated over the air.
    /// </summary>
    public CommandRecord Start(string deviceId, string password, byte[] commandKey)
    {
        if (password.Length is < 8 or > 128)
        {
            throw new ArgumentException("a device password has 8–128 characters", nameof(password));
        }

        if (commandKey.Length != Firmware.Security.CommandMac.KeySize)
        {
            throw new ArgumentException("a command key has 32 bytes (64 hexadecimal digits)", nameof(commandKey));
        }

        if (loRaWan.DevEuiOf(deviceId) != null)
        {
            throw new InvalidOperationException($"{deviceId} is a LoRaWAN device: its key changes by flashing it (edgectl flash … --only config), not over the air");
        }

        if (!registry.List().Contains(deviceId, StringComparer.Ordinal) || !keys.Has(deviceId))
        {
            throw new InvalidOperationException($"{deviceId} is not registered with a command key: there is nothing to rotate (register it with PUT /api/devices/{deviceId})");
        }

        var document = new JsonObject { ["password"] = password, ["commandKey"] = Convert.ToHexStringLower(commandKey) }.ToJsonString();
        var record = queue.Enqueue(deviceId, new DeviceCommand { Kind = CommandKind.RotateCredentials, Document = document }, Purpose, Lifetime);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO credential_rotations(device_id, password_hash, command_key, command_record, started_at) VALUES($d, $h, $k, $r, $t)
            ON CONFLICT(device_id) DO UPDATE SET password_hash = excluded.password_hash, command_key = excluded.command_key, command_record = excluded.command_record, started_at = excluded.started_at
            """;
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$h", registry.Hasher.Hash(deviceId, password));
        command.Parameters.AddWithValue("$k", commandKey);
        command.Parameters.AddWithValue("$r", record.Id);
        command.Parameters.AddWithValue("$t", time.GetUtcNow().ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
        log.LogInformation("rotating the credentials of {Device} (command {Id})", deviceId, record.CommandId);
        return record;
    }

    /// <summary>Whether a rotation of <paramref name="deviceId"/> is under way.</summary>
    public bool IsRotating(string deviceId) => Pending(deviceId) != null;

    /// <summary>
    /// Whether <paramref name="password"/> is the new password of a rotation under way; if so the device has switched,
    /// and the rotation is finished here too.
    /// </summary>
    public bool AcceptsNew(string deviceId, string password)
    {
        if (Pending(deviceId) is not { } pending || !registry.Hasher.Verify(deviceId, password, pending.PasswordHash, out _))
        {
            return false;
        }

        Finish(deviceId, "the device connected with its new password");
        return true;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        answers.Answered += OnAnswered;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken)
    {
        answers.Answered -= OnAnswered;
        return Task.CompletedTask;
    }

    private void OnAnswered(CommandRecord record)
    {
        if (record.Purpose != Purpose)
        {
            return;
        }

        Blank(record.Id);
        if (record.Status == CommandStatus.Acknowledged)
        {
            Finish(record.DeviceId, "the device acknowledged");
        }
        else if (Pending(record.DeviceId) is { } pending && pending.Record == record.Id)
        {
            // Refused or expired: the device keeps its credentials, and so does the gateway.
            Forget(record.DeviceId);
            log.LogWarning("{Device} did not take its new credentials ({Status} {Result}): it keeps the old ones", record.DeviceId, record.Status, record.Result);
        }
    }

    private void Finish(string deviceId, string why)
    {
        if (Pending(deviceId) is not { } pending)
        {
            return;
        }

        registry.SetPasswordHash(deviceId, pending.PasswordHash);
        keys.Set(deviceId, pending.Key);
        Forget(deviceId);
        log.LogInformation("credentials of {Device} rotated: {Why}", deviceId, why);
    }

    private (string PasswordHash, byte[] Key, long Record)? Pending(string deviceId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT password_hash, command_key, command_record FROM credential_rotations WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), (byte[])reader.GetValue(1), reader.GetInt64(2)) : null;
    }

    private void Forget(string deviceId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM credential_rotations WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        command.ExecuteNonQuery();
    }

    // The answered command's document held the new password and key in clear: nothing needs it any more.
    private void Blank(long recordId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE commands SET payload = json_set(payload, '$.document', '(blanked once answered)') WHERE id = $r";
        command.Parameters.AddWithValue("$r", recordId);
        command.ExecuteNonQuery();
    }
}
