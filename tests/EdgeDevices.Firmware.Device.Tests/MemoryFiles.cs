using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Firmware.Device.Tests;

/// <summary>Text files and flash regions in memory for the runtime's file-based pieces; a region opened again (after a "reboot") keeps its bytes.</summary>
internal sealed class MemoryFiles : IDeviceFiles
{
    private readonly Dictionary<string, MemoryRegion> _regions = new(StringComparer.Ordinal);

    public Dictionary<string, string> Texts { get; } = new(StringComparer.Ordinal);

    public IFlashStorage OpenRegion(string name, int size)
    {
        if (!_regions.TryGetValue(name, out var region) || region.Length != size)
        {
            _regions[name] = region = new MemoryRegion(size);
        }

        return region;
    }

    public string? ReadText(string name) => Texts.TryGetValue(name, out var text) ? text : null;

    public void WriteText(string name, string text) => Texts[name] = text;

    public void Delete(string name) => Texts.Remove(name);
}

/// <summary>Erased flash (0xFF) in memory.</summary>
internal sealed class MemoryRegion(int length) : IFlashStorage
{
    private readonly byte[] _bytes = Enumerable.Repeat((byte)0xFF, length).ToArray();

    public int Length => _bytes.Length;

    public void Read(int position, byte[] buffer, int offset, int count) => Array.Copy(_bytes, position, buffer, offset, count);

    public void Write(int position, byte[] buffer, int offset, int count) => Array.Copy(buffer, offset, _bytes, position, count);

    public void Flush()
    {
    }
}
