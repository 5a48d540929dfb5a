using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Lighting;

/// <summary>
/// Keeps every lamp's schedule in step with the model: when what a lamp should run changes (its calendar,
/// a program, its group), the lamp gets the new document as a signed <c>setSchedule</c> command, resent
/// until it acknowledges; an older unanswered one is superseded. Which version each lamp has acknowledged
/// is kept, so an operator sees which lamps run what. The lamps then run the schedule on their own clocks.
/// </summary>
public sealed class ScheduleDistributor(
    LightingStore store,
    CommandQueue queue,
    CommandAnswers answers,
    DeviceKeys keys,
    BufferDatabase database,
    TimeProvider time,
    ILogger<ScheduleDistributor> log) : LampCommandDistributor(store, answers, keys, time, log)
{
    /// <summary>The purpose schedule commands are queued under.</summary>
    public const string Purpose = "schedule";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>What a lamp has been sent and has acknowledged.</summary>
    public sealed record LampScheduleState(string DeviceId, int Version, int AckedVersion);

    /// <inheritdoc />
    protected override string CommandPurpose => Purpose;

    /// <inheritdoc />
    public override int Distribute()
    {
        var version = Store.Version;
        var programs = Store.ProgramList();
        var sent = 0;
        foreach (var lamp in Store.LampList())
        {
            var calendarId = lamp.CalendarId ?? (lamp.GroupId is { } g ? Store.Group(g)?.CalendarId : null);
            var calendar = calendarId == null ? null : Store.Calendar(calendarId);
            if (calendar == null || !Keys.Has(lamp.DeviceId))
            {
                continue;
            }

            var compiled = ScheduleCompiler.Compile(calendar, programs, version);
            if (compiled.Document == null)
            {
                log.LogError("no schedule for {Lamp}: {Problems}", lamp.DeviceId, string.Join("; ", compiled.Problems));
                continue;
            }

            var state = State(lamp.DeviceId);
            var unchanged = state != null && state.Value.Hash == compiled.ContentHash;
            if (unchanged && (state!.Value.Acked >= state.Value.Version || queue.HasPending(lamp.DeviceId, Purpose)))
            {
                continue;
            }

            var documentVersion = unchanged ? state!.Value.Version : version;
            var document = unchanged ? compiled.Render(documentVersion) : compiled.Document;
            queue.Enqueue(lamp.DeviceId, new DeviceCommand { Kind = CommandKind.SetSchedule, Document = document }, Purpose, Lifetime);
            Record(lamp.DeviceId, documentVersion, compiled.ContentHash!);
            sent++;
        }

        return sent;
    }

    /// <summary>What every lamp was sent and acknowledged.</summary>
    public IReadOnlyList<LampScheduleState> States()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT device_id, version, acked_version FROM lamp_schedules ORDER BY device_id";
        using var reader = command.ExecuteReader();
        var states = new List<LampScheduleState>();
        while (reader.Read())
        {
            states.Add(new LampScheduleState(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
        }

        return states;
    }

    /// <inheritdoc />
    protected override void Acknowledged(string deviceId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE lamp_schedules SET acked_version = version WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    protected override void NotTaken(CommandRecord record) => log.LogWarning("{Lamp} refused its schedule: {Result}", record.DeviceId, record.Result);

    private (int Version, int Acked, string Hash)? State(string deviceId)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, acked_version, content_hash FROM lamp_schedules WHERE device_id = $d";
        command.Parameters.AddWithValue("$d", deviceId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2)) : null;
    }

    private void Record(string deviceId, int version, string hash)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO lamp_schedules(device_id, version, content_hash) VALUES($d, $v, $h)
            ON CONFLICT(device_id) DO UPDATE SET version = excluded.version, content_hash = excluded.content_hash
            """;
        command.Parameters.AddWithValue("$d", deviceId);
        command.Parameters.AddWithValue("$v", version);
        command.Parameters.AddWithValue("$h", hash);
        command.ExecuteNonQuery();
    }
}
