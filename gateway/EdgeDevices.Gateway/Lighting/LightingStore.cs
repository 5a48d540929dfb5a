using System.Text.Json;
using EdgeDevices.Gateway.Lighting.Model;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Lighting;

/// <summary>
/// The lighting model (lamp types, groups, lamps, programs, calendars) in the gateway's database, one JSON
/// row per entity. Every change raises <see cref="Changed"/> and moves the model's version, which becomes
/// the version of the schedules distributed next: minutes since 2024 or the last version plus one,
/// whichever is larger, so versions keep growing even for a gateway rebuilt from an empty disk.
/// </summary>
public sealed class LightingStore(BufferDatabase database, TimeProvider time)
{
    internal const string LampTypes = "lampType";
    internal const string Groups = "group";
    internal const string Lamps = "lamp";
    internal const string Programs = "program";
    internal const string Calendars = "calendar";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset VersionEpoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Raised after any change.</summary>
    public event Action? Changed;

    public IReadOnlyList<LampTypeDefinition> LampTypeList() => All<LampTypeDefinition>(LampTypes);

    public IReadOnlyList<LampGroupDefinition> GroupList() => All<LampGroupDefinition>(Groups);

    public IReadOnlyList<LampDefinition> LampList() => All<LampDefinition>(Lamps);

    public IReadOnlyList<ControlProgramDefinition> ProgramList() => All<ControlProgramDefinition>(Programs);

    public IReadOnlyList<CalendarDefinition> CalendarList() => All<CalendarDefinition>(Calendars);

    public LampTypeDefinition? LampType(string id) => Get<LampTypeDefinition>(LampTypes, id);

    public LampGroupDefinition? Group(string id) => Get<LampGroupDefinition>(Groups, id);

    public LampDefinition? Lamp(string deviceId) => Get<LampDefinition>(Lamps, deviceId);

    public ControlProgramDefinition? Program(int id) => Get<ControlProgramDefinition>(Programs, id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public CalendarDefinition? Calendar(string id) => Get<CalendarDefinition>(Calendars, id);

    public void Put(LampTypeDefinition type) => Put(LampTypes, type.Id, type);

    public void Put(LampGroupDefinition group) => Put(Groups, group.Id, group);

    public void Put(LampDefinition lamp) => Put(Lamps, lamp.DeviceId, lamp);

    public void Put(ControlProgramDefinition program) => Put(Programs, program.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), program);

    public void Put(CalendarDefinition calendar) => Put(Calendars, calendar.Id, calendar);

    /// <summary>The model's current version.</summary>
    public int Version
    {
        get
        {
            using var connection = database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT value FROM meta WHERE key = 'lighting_version'";
            return command.ExecuteScalar() is string text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }
    }

    /// <summary>Stores an entity of <paramref name="kind"/> (replacing one with the same id).</summary>
    internal void Put<T>(string kind, string id, T entity)
    {
        using (var connection = database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "INSERT INTO lighting_model(kind, id, json) VALUES($k, $i, $j) ON CONFLICT(kind, id) DO UPDATE SET json = excluded.json";
                command.Parameters.AddWithValue("$k", kind);
                command.Parameters.AddWithValue("$i", id);
                command.Parameters.AddWithValue("$j", JsonSerializer.Serialize(entity, Json));
                command.ExecuteNonQuery();
            }

            NextVersion(connection, transaction);
            transaction.Commit();
        }

        Changed?.Invoke();
    }

    /// <summary>Removes an entity; false when there was none.</summary>
    internal bool Delete(string kind, string id)
    {
        bool removed;
        using (var connection = database.Open())
        using (var transaction = connection.BeginTransaction())
        {
            using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM lighting_model WHERE kind = $k AND id = $i";
                command.Parameters.AddWithValue("$k", kind);
                command.Parameters.AddWithValue("$i", id);
                removed = command.ExecuteNonQuery() == 1;
            }

            if (removed)
            {
                NextVersion(connection, transaction);
            }

            transaction.Commit();
        }

        if (removed)
        {
            Changed?.Invoke();
        }

        return removed;
    }

    private T? Get<T>(string kind, string id)
        where T : class
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM lighting_model WHERE kind = $k AND id = $i";
        command.Parameters.AddWithValue("$k", kind);
        command.Parameters.AddWithValue("$i", id);
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize<T>(json, Json) : null;
    }

    private List<T> All<T>(string kind)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM lighting_model WHERE kind = $k ORDER BY id";
        command.Parameters.AddWithValue("$k", kind);
        using var reader = command.ExecuteReader();
        var all = new List<T>();
        while (reader.Read())
        {
            all.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), Json)!);
        }

        return all;
    }

    private void NextVersion(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction)
    {
        var minutes = (long)(time.GetUtcNow() - VersionEpoch).TotalMinutes;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO meta(key, value) VALUES('lighting_version', CAST($m AS TEXT))
            ON CONFLICT(key) DO UPDATE SET value = CAST(MAX(CAST(value AS INTEGER) + 1, $m) AS TEXT)
            """;
        command.Parameters.AddWithValue("$m", Math.Max(1, minutes));
        command.ExecuteNonQuery();
    }
}
