using EdgeDevices.Firmware.Update;

namespace EdgeDevices.Firmware.Messages
{
    /// <summary>
    /// A device's report on an application update: the phase it reached for the bundle of the given version,
    /// and for a refusal or a roll-back the reason. It goes through the outbox like an alarm, so the
    /// gateway's rollout hears every step even across a restart.
    /// </summary>
    public sealed class UpdateStatus : Message
    {
        /// <inheritdoc />
        public override MessageType Type
        {
            get { return MessageType.UpdateStatus; }
        }

        /// <summary>The phase reached.</summary>
        public UpdatePhase Phase { get; set; }

        /// <summary>Why it was refused or rolled back; <see cref="UpdateVerdict.Accepted"/> otherwise.</summary>
        public UpdateVerdict Reason { get; set; }

        /// <summary>The bundle's version, major part.</summary>
        public byte Major { get; set; }

        /// <summary>The bundle's version, minor part.</summary>
        public byte Minor { get; set; }

        /// <summary>The bundle's version, patch part.</summary>
        public ushort Patch { get; set; }
    }
}
