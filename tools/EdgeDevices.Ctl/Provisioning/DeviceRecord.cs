using System.Text.Json;

namespace EdgeDevices.Ctl.Provisioning;

/// <summary>
/// What <c>edgectl provision</c> left in the device's folder for <c>flash</c> and <c>verify</c> (device.json). It
/// names no absolute path, so the folder can be copied to the technician's laptop and flashed from there;
/// <c>FirmwareVersion</c> is the nanoFramework image the device was first flashed with, which later flashes keep.
/// </summary>
public sealed record DeviceRecord(string DeviceId, string Role, string Board, string Target, string Transport, string SerialPort, bool NetworkDeployment, string? FirmwareVersion = null)
{
    public const string FileName = "device.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Reads the record in <paramref name="directory"/>; a missing or damaged one says what to do.</summary>
    public static DeviceRecord Load(string directory, string deviceId)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new CtlException($"{deviceId} has not been provisioned here (no {path})", $"run edgectl provision {deviceId} … first, or pass --dir with the folder it wrote");
        }

        DeviceRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<DeviceRecord>(File.ReadAllText(path), Options);
        }
        catch (JsonException ex)
        {
            throw new CtlException($"{path} is damaged: {ex.Message}", $"restore the folder from where provision wrote it, or provision the device again: edgectl provision {deviceId} … --rotate", 2);
        }

        if (record == null || record.DeviceId != deviceId || string.IsNullOrEmpty(record.Target) || string.IsNullOrEmpty(record.SerialPort))
        {
            throw new CtlException($"{path} is not {deviceId}'s record (device id, target or serial port missing or different)", $"pass --dir with the folder provision wrote for {deviceId}, or provision it again: edgectl provision {deviceId} … --rotate", 2);
        }

        return record;
    }

    /// <summary>Writes the record into <paramref name="directory"/>.</summary>
    public void Save(string directory) => File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Options));
}
