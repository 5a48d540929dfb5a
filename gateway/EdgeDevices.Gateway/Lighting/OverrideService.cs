using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Lighting;

/// <summary>
/// Overrides for a lamp or a group: each lamp gets a signed <c>setOverride</c> with the level and duration,
/// and ends it itself on its own clock when the duration is over, so an override expires on time even if
/// the gateway is gone by then. Clearing sends <c>clearOverride</c>. The gateway keeps the override for
/// reporting until it expires.
/// </summary>
public sealed class OverrideService(LightingStore store, CommandQueue queue, DeviceKeys keys, BufferDatabase database, TimeProvider time)
{
    /// <summary>The purpose override commands are queued under (a newer one supersedes an unanswered older one).</summary>
    public const string Purpose = "override";

    /// <summary>An override as the gateway knows it.</summary>
    public sealed record ActiveOverride(string Target, int Level, long CreatedAt, long ExpiresAt);

    /// <summary>
    /// Holds <paramref name="target"/> (<c>lamp:{id}</c> or <c>group:{id}</c>) at <paramref name="level"/> % for
    /// <paramref name="minutes"/> (1–1440). Returns the commands queued; throws <see cref="ArgumentException"/>
    /// for an unknown target or values out of range, <see cref="InvalidOperationException"/> when a lamp has no
    /// command key (then nothing is recorded or sent).
    /// </summary>
    public IReadOnlyList<CommandRecord> Set(string target, int level, int minutes)
    {
        if (level is < 0 or > 100)
        {
            throw new ArgumentException("level must be 0–100 %", nameof(level));
        }

        if (minutes is < 1 or > 1440)
        {
            throw new ArgumentException("minutes must be 1–1440", nameof(minutes));
        }

        var lamps = Commandable(LampsOf(target));
        var now = time.GetUtcNow();
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO overrides(target, level, created_at, expires_at) VALUES($t, $l, $c, $e) ON CONFLICT(target) DO UPDATE SET level = excluded.level, created_at = excluded.created_at, expires_at = excluded.expires_at";
            command.Parameters.AddWithValue("$t", target);
            command.Parameters.AddWithValue("$l", level);
            command.Parameters.AddWithValue("$c", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$e", now.AddMinutes(minutes).ToUnixTimeMilliseconds());
            command.ExecuteNonQuery();
        }

        // Valid as long as the override would last: arriving later, it would outlive its purpose.
        return [.. lamps.Select(lamp => queue.Enqueue(lamp, new DeviceCommand { Kind = CommandKind.SetOverride, Level = (byte)level, DurationMinutes = (ushort)minutes }, Purpose, TimeSpan.FromMinutes(minutes)))];
    }

    /// <summary>Ends the override on <paramref name="target"/>'s lamps; the schedule takes over again.</summary>
    public IReadOnlyList<CommandRecord> Clear(string target)
    {
        var lamps = Commandable(LampsOf(target));
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "DELETE FROM overrides WHERE target = $t";
            command.Parameters.AddWithValue("$t", target);
            command.ExecuteNonQuery();
        }

        return [.. lamps.Select(lamp => queue.Enqueue(lamp, new DeviceCommand { Kind = CommandKind.ClearOverride }, Purpose, TimeSpan.FromHours(1)))];
    }

    /// <summary>Overrides that have not expired.</summary>
    public IReadOnlyList<ActiveOverride> Active()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT target, level, created_at, expires_at FROM overrides WHERE expires_at > $n ORDER BY target";
        command.Parameters.AddWithValue("$n", time.GetUtcNow().ToUnixTimeMilliseconds());
        using var reader = command.ExecuteReader();
        var active = new List<ActiveOverride>();
        while (reader.Read())
        {
            active.Add(new ActiveOverride(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3)));
        }

        return active;
    }

    // Every lamp must be able to take the command before anything is recorded: no override row without its commands.
    private List<string> Commandable(List<string> lamps)
    {
        var keyless = lamps.Where(l => !keys.Has(l)).ToList();
        return keyless.Count == 0 ? lamps : throw new InvalidOperationException(
            $"no command key for {string.Join(", ", keyless)}: register the lamp with its key (edgectl provision) before overriding it");
    }

    private List<string> LampsOf(string target)
    {
        var colon = target.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? target[..colon] : string.Empty;
        var id = colon > 0 ? target[(colon + 1)..] : string.Empty;
        return kind switch
        {
            "lamp" when store.Lamp(id) != null => [id],
            "group" when store.Group(id) != null => [.. store.LampList().Where(l => l.GroupId == id).Select(l => l.DeviceId)],
            _ => throw new ArgumentException($"'{target}' is not a known lamp:<id> or group:<id>", nameof(target)),
        };
    }
}
