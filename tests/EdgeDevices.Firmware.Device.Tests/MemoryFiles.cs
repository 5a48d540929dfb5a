using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Firmware.Device.Tests;

/// <summary>Text files in memory for the runtime's file-based pieces.</summary>
internal sealed class MemoryFiles : IDeviceFiles
{
    public Dictionary<string, string> Texts { get; } = new(StringComparer.Ordinal);

    public IFlashStorage OpenRegion(string name, int size) => throw new NotSupportedException();

    public string? ReadText(string name) => Texts.TryGetValue(name, out var text) ? text : null;

    public void WriteText(string name, string text) => Texts[name] = text;

    public void Delete(string name) => Texts.Remove(name);
}
