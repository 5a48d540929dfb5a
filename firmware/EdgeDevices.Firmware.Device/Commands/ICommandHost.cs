using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Device.Commands
{
    /// <summary>What the <see cref="CommandProcessor"/> needs of the device runtime around it.</summary>
    public interface ICommandHost
    {
        /// <summary>Publishes <paramref name="message"/> through the outbox; returns its outbox id.</summary>
        uint Publish(Message message);

        /// <summary>Publishes a health report now; returns its outbox id.</summary>
        uint PublishHealthNow();

        /// <summary>Whether the outbox record <paramref name="id"/> has left (delivered, or dropped by an overflow).</summary>
        bool IsDelivered(uint id);

        /// <summary>Restarts the device, noting <paramref name="reason"/> for the next boot.</summary>
        void Restart(ResetReason reason);

        /// <summary>Connects the uplink again (new credentials are in force).</summary>
        void Reconnect();
    }
}
