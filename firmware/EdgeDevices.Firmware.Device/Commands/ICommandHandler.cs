using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Device.Commands
{
    /// <summary>An app's part in command handling: the commands only it understands (the runtime handles health requests and reboots).</summary>
    public interface ICommandHandler
    {
        /// <summary>Carries out <paramref name="command"/> and says how it went (runs on the uplink thread: hand work to the app's own thread).</summary>
        AckResult Handle(DeviceCommand command);
    }
}
