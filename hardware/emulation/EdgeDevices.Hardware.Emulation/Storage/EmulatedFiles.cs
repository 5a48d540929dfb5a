using System.Collections.Concurrent;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Hardware.Emulation.Storage;

/// <summary>
/// A device's flash file system in memory: each region is an <see cref="EmulatedFlash"/> that keeps its
/// contents across emulated reboots and can lose power mid-write; text files are whole-file replacements,
/// as LittleFS commits a file on close.
/// </summary>
public sealed class EmulatedFiles : IDeviceFiles
{
    private readonly ConcurrentDictionary<string, EmulatedFlash> _regions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _stalled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _armedCuts = new(StringComparer.Ordinal);
    private readonly ManualResetEvent _resumed = new(true);

    /// <summary>Raised when a cut set by <see cref="CutPowerDuringWrite"/> strikes a region mid-write.</summary>
    public event Action? PowerFailed;

    /// <summary>Cut the power of every region at once (the whole chip loses power).</summary>
    public void CutPower()
    {
        foreach (var region in _regions.Values)
        {
            region.LosePower();
        }
    }

    /// <summary>Cut the power once <paramref name="bytes"/> more bytes have been written to <paramref name="region"/>.</summary>
    public void CutPowerDuringWrite(string region, long bytes) => Region(region).CutPowerAfter(bytes);

    /// <summary>
    /// Cut the power once <paramref name="bytes"/> bytes have been written to <paramref name="region"/>, a region
    /// the firmware has not created yet (an update slot, say): the cut is armed when it is.
    /// </summary>
    public void CutPowerDuringFirstWrites(string region, long bytes)
    {
        if (_regions.TryGetValue(region, out var existing))
        {
            existing.CutPowerAfter(bytes);
            return;
        }

        _armedCuts[region] = bytes;
    }

    /// <summary>
    /// Makes writes to <paramref name="region"/> hang (a flash operation that never completes) until
    /// <see cref="ResumeWrites"/> or the power goes: the firmware thread writing there is stuck.
    /// </summary>
    public void StallWrites(string region)
    {
        _stalled[region] = true;
        _resumed.Reset();
    }

    /// <summary>Lets stalled writes complete.</summary>
    public void ResumeWrites()
    {
        _stalled.Clear();
        _resumed.Set();
    }

    /// <summary>Whether writes to <paramref name="region"/> hang.</summary>
    public bool IsStalled(string region) => _stalled.ContainsKey(region);

    /// <summary>Set while no region is stalled.</summary>
    public ManualResetEvent Resumed => _resumed;

    /// <summary>Power on every region again.</summary>
    public void PowerOn()
    {
        foreach (var region in _regions.Values)
        {
            region.PowerOn();
        }
    }

    /// <summary>The emulated flash behind a region (created by the firmware's first open).</summary>
    public EmulatedFlash Region(string name) =>
        _regions.TryGetValue(name, out var flash) ? flash : throw new InvalidOperationException($"no region '{name}' has been opened");

    /// <summary>Whether a region exists.</summary>
    public bool HasRegion(string name) => _regions.ContainsKey(name);

    /// <inheritdoc />
    public IFlashStorage OpenRegion(string name, int size)
    {
        var flash = _regions.GetOrAdd(name, _ => NewRegion(size));
        if (flash.Length != size)
        {
            // A firmware that changes a region's size gets a fresh, erased one, as a recreated file would be.
            flash = NewRegion(size);
            _regions[name] = flash;
        }

        if (_armedCuts.TryRemove(name, out var bytes))
        {
            flash.CutPowerAfter(bytes);
        }

        return flash;
    }

    /// <summary>Names of the text files present.</summary>
    public IReadOnlyList<string> TextFiles => [.. _texts.Keys.Order(StringComparer.Ordinal)];

    /// <inheritdoc />
    public string? ReadText(string name) => _texts.TryGetValue(name, out var text) ? text : null;

    /// <inheritdoc />
    public void WriteText(string name, string text) => _texts[name] = text;

    /// <inheritdoc />
    public void Delete(string name) => _texts.TryRemove(name, out _);

    private EmulatedFlash NewRegion(int size)
    {
        var flash = new EmulatedFlash(size);
        flash.PowerFailed += () => PowerFailed?.Invoke();
        return flash;
    }
}
