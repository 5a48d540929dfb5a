using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using EdgeDevices.Firmware.Device.Runtime;
using EdgeDevices.Firmware.Device.Update;
using EdgeDevices.Firmware.Update;

namespace EdgeDevices.Fleet.Firmware;

/// <summary>
/// Stand-in for the CLR's <c>Assembly.Load</c> on an emulated board (hand-written: a host process cannot load
/// nanoFramework <c>.pe</c> images). A bundle's images are <see cref="EmulatedBundle"/> pseudo-assemblies: each
/// must start with their header, as the CLR checks a <c>.pe</c>'s header, and the entry type is looked up among
/// the host-compiled firmware and invoked the way the device's loader does (static <c>Run(DeviceContext)</c>).
/// It records what it started, so a test sees which bundle a board runs.
/// </summary>
public sealed class EmulatedAppLoader : IAppLoader
{
    private readonly ConcurrentQueue<string> _started = new();

    /// <summary>Labels of the bundles started, oldest first (one per boot that ran a bundle).</summary>
    public IReadOnlyList<string> Started => [.. _started];

    /// <summary>Label of the last bundle started, or null when only the built-in app ran.</summary>
    public string? Running => _started.LastOrDefault();

    /// <inheritdoc />
    public string Run(BundleImage image, DeviceContext context)
    {
        var labels = new List<string>();
        foreach (var pe in image.Assemblies)
        {
            var label = EmulatedBundle.LabelOf(pe);
            if (label == null)
            {
                return "an image of the bundle is not an assembly";
            }

            labels.Add(label);
        }

        var entry = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic)
            .Select(a => a.GetType(image.EntryType))
            .FirstOrDefault(t => t != null);
        if (entry == null)
        {
            return "entry type " + image.EntryType + " is not in the bundle";
        }

        var run = entry.GetMethod("Run", BindingFlags.Public | BindingFlags.Static, [typeof(DeviceContext)]);
        if (run == null)
        {
            return "entry type " + image.EntryType + " has no static Run(DeviceContext)";
        }

        _started.Enqueue(string.Join('+', labels));
        try
        {
            run.Invoke(null, [context]);
            return "the app returned";
        }
        catch (TargetInvocationException ex) when (ex.InnerException is EdgeDevices.Hardware.Emulation.Storage.PowerLossException power)
        {
            // A power loss or reboot ends the app's thread as it would on the board.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(power).Throw();
            throw;
        }
        catch (TargetInvocationException ex)
        {
            // As the device's loader: an app that throws has ended, and says why.
            return "the app failed: " + (ex.InnerException ?? ex).Message;
        }
    }
}

/// <summary>
/// Update bundles for emulated boards: the app's entry type with pseudo-assemblies of a chosen size whose
/// header names them (the label a test sees in <see cref="EmulatedAppLoader.Started"/>).
/// </summary>
public static class EmulatedBundle
{
    private const string Header = "EMULATED-PE:";

    /// <summary>The entry type of each app's bundles.</summary>
    public static string EntryOf(EdgeDevices.Firmware.Config.DeviceRole role) => role switch
    {
        EdgeDevices.Firmware.Config.DeviceRole.StreetLight => "EdgeDevices.Apps.StreetLight.Program",
        EdgeDevices.Firmware.Config.DeviceRole.AirQuality => "EdgeDevices.Apps.AirQuality.Program",
        _ => "EdgeDevices.Apps.Meter.Program",
    };

    /// <summary>A bundle starting <paramref name="entryType"/> with one pseudo-assembly labelled <paramref name="label"/>, about <paramref name="size"/> bytes in all.</summary>
    public static byte[] Build(string entryType, string label, int size)
    {
        var header = Encoding.UTF8.GetBytes(Header + label + "\n");
        var pe = new byte[Math.Max(header.Length, size - 64 - entryType.Length)];
        header.CopyTo(pe, 0);
        new Random(label.GetHashCode(StringComparison.Ordinal)).NextBytes(pe.AsSpan(header.Length));
        return new BundleImage { EntryType = entryType, Assemblies = [pe] }.ToBytes();
    }

    /// <summary>The label of a pseudo-assembly, or null when <paramref name="pe"/> is not one.</summary>
    public static string? LabelOf(byte[] pe)
    {
        var end = Array.IndexOf(pe, (byte)'\n');
        var text = end > 0 ? Encoding.UTF8.GetString(pe, 0, end) : string.Empty;
        return text.StartsWith(Header, StringComparison.Ordinal) ? text[Header.Length..] : null;
    }
}

/// <summary>Apps a bundle may start that misbehave, for the tests of trial and roll-back.</summary>
public static class FaultyApps
{
    /// <summary>Hangs before it even boots the runtime: never connects, never reports healthy.</summary>
    public static class Hangs
    {
        /// <summary>The bundle entry.</summary>
        public static void Run(DeviceContext context)
        {
            while (true)
            {
                context.Clock.Sleep(60_000);
            }
        }
    }

    /// <summary>Ends at once (as an app whose main thread throws).</summary>
    public static class Crashes
    {
        /// <summary>The bundle entry.</summary>
        public static void Run(DeviceContext context) => throw new InvalidOperationException("emulated crash at start");
    }
}
