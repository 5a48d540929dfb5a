using System.Security.Cryptography;
using System.Text;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Configuration;
using Microsoft.Extensions.Options;

namespace EdgeDevices.Gateway.Privacy;

/// <summary>
/// Household meter data is personal data under Kazakhstan's Law No. 94-V, so a household meter's identity
/// leaves the gateway only as a pseudonym: <c>hh-</c> and the first 10 bytes of HMAC-SHA256 of its id, hex,
/// under a key made once per gateway and kept in its state directory (owner-only). The pseudonym is stable
/// (the platform can still join a meter's series across days and restarts) but cannot be turned back into
/// the id without the key, which never leaves the gateway. Which devices are personal follows from their
/// role, never from what they are called: a device registered as a meter, or one that has sent a meter
/// reading, is personal from then on (the gateway's records of both are read at start). Devices of other
/// roles can be added by id prefix (<c>privacy.personalDevicePrefixes</c>, empty by default). Sinks, exports
/// and the gateway's own logs use <see cref="Public(string)"/>; only the gateway's local API and database hold
/// the real id.
/// </summary>
public sealed class Pseudonyms
{
    /// <summary>The key file in the state directory.</summary>
    public const string KeyFileName = "pseudonym.key";

    private readonly byte[] _key;
    private readonly string[] _prefixes;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _meters = new(StringComparer.Ordinal);

    /// <summary>Loads the gateway's key from <paramref name="stateDirectory"/>, creating it on first start.</summary>
    public Pseudonyms(string stateDirectory, IReadOnlyList<string> personalPrefixes)
    {
        _prefixes = [.. personalPrefixes];
        _key = Storage.SecretKeyFile.LoadOrCreate(
            Path.Combine(stateDirectory, KeyFileName), "restore it from a backup (a new key would give every meter a new pseudonym)");
    }

    /// <summary>For the host: the state directory and prefixes from the options, and the meters its database knows.</summary>
    public Pseudonyms(IOptions<GatewayOptions> options, Storage.BufferDatabase database)
        : this(GatewayHost.StateDirectory(options.Value), options.Value.Privacy.PersonalDevicePrefixes)
    {
        LoadMeters(database);
    }

    /// <summary>Whether <paramref name="deviceId"/> is a household device whose identity is personal data.</summary>
    public bool IsPersonal(string deviceId) => _meters.ContainsKey(deviceId) || _prefixes.Any(p => deviceId.StartsWith(p, StringComparison.Ordinal));

    /// <summary>Records that <paramref name="deviceId"/> is a meter (registered as one, or it sent a meter reading).</summary>
    public void Meter(string deviceId) => _meters.TryAdd(deviceId, true);

    /// <summary>The meters the gateway's database knows: registered with that role, or with meter totals kept.</summary>
    public void LoadMeters(Storage.BufferDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT device_id FROM device_sites WHERE role = 'meter' UNION SELECT DISTINCT device_id FROM meter_totals";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            Meter(reader.GetString(0));
        }
    }

    /// <summary>The identity to use outside the gateway (and in its logs): the pseudonym for a personal device, else the id.</summary>
    public string Public(string deviceId) =>
        IsPersonal(deviceId) ? "hh-" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(deviceId)).AsSpan(0, 10)) : deviceId;

    /// <summary><paramref name="topic"/> with a device id in it replaced by <see cref="Public(string)"/>.</summary>
    public string PublicTopic(string topic) =>
        MqttTopics.TryParse(topic, out var deviceId, out var channel) ? MqttTopics.For(Public(deviceId), channel) : topic;
}
