using System.Text.Json;

namespace EdgeDevices.Ctl.Provisioning;

/// <summary>What <c>edgectl provision</c> left in the device's folder for <c>flash</c> and <c>verify</c> (device.json).</summary>
public sealed record DeviceRecord(string DeviceId, string Role, string Board, string Target, string Transport, string SerialPort, bool NetworkDeployment)
{
    public const string FileName = "device.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Reads the record in <paramref name="directory"/>; a missing one says to provision first.</summary>
    public static DeviceRecord Load(string directory, string deviceId)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new CtlException($"{deviceId} has not been provisioned here (no {path})", $"run edgectl provision {deviceId} … first, or pass --dir with the folder it wrote");
        }

        return JsonSerializer.Deserialize<DeviceRecord>(File.ReadAllText(path), Options)!;
    }

    /// <summary>Writes the record into <paramref name="directory"/>.</summary>
    public void Save(string directory) => File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Options));
}
