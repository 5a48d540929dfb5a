using EdgeDevices.Firmware.Binary;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.Compact
{
    /// <summary>12 bytes: energy Wh, burn minutes, switch-on count, each a big-endian uint32.</summary>
    internal static class LampEnergyBody
    {
        public const int Size = 12;

        public static void Write(LampEnergy m, byte[] b, int o)
        {
            BigEndian.WriteUInt(b, o, 4, m.EnergyWattHours);
            BigEndian.WriteUInt(b, o + 4, 4, m.BurnMinutes);
            BigEndian.WriteUInt(b, o + 8, 4, m.SwitchOnCount);
        }

        public static LampEnergy Read(byte[] b, int o)
        {
            LampEnergy m = new LampEnergy();
            m.EnergyWattHours = BigEndian.ReadUInt(b, o, 4);
            m.BurnMinutes = BigEndian.ReadUInt(b, o + 4, 4);
            m.SwitchOnCount = BigEndian.ReadUInt(b, o + 8, 4);
            return m;
        }
    }
}
