using EdgeDevices.Firmware.Metering;

namespace EdgeDevices.Firmware.Config
{
    /// <summary>A meter node's channels.</summary>
    public sealed class MeterSettings
    {
        /// <summary>One entry per S0 input in use (1–4).</summary>
        public MeterChannelSettings[] Channels { get; set; }

        /// <summary>How each channel is counted, by channel index.</summary>
        public MeterInputKind[] Inputs { get; set; }
    }
}
