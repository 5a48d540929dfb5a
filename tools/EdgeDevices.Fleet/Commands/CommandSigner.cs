using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Fleet.Provisioning;

namespace EdgeDevices.Fleet.Commands;

/// <summary>
/// Signs commands for emulated devices with their default keys, as the gateway does for real ones: a
/// counter that only grows (started from the Unix time, so a new signer never falls behind an old one) and
/// the device's MAC. For tests that talk to devices without a gateway.
/// </summary>
public static class CommandSigner
{
    private static long _counter = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>Gives <paramref name="command"/> the next counter and the MAC for <paramref name="deviceId"/>'s default key.</summary>
    public static DeviceCommand Sign(string deviceId, DeviceCommand command) =>
        Sign(deviceId, command, Convert.FromHexString(DeviceSpec.DefaultCommandKey(deviceId)));

    /// <summary>Gives <paramref name="command"/> the next counter and the MAC for <paramref name="key"/>.</summary>
    public static DeviceCommand Sign(string deviceId, DeviceCommand command, byte[] key)
    {
        if (command.Counter == 0)
        {
            command.Counter = (uint)Interlocked.Increment(ref _counter);
        }

        command.Mac = new byte[CommandMac.Size];
        new CommandMac(key).Compute(deviceId, command, command.Mac, 0);
        return command;
    }
}
