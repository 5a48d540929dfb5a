using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.JsonForm
{
    /// <summary>"energyWh", "burnMinutes", "switchOns": whole numbers.</summary>
    internal static class LampEnergyJson
    {
        public static void Write(LampEnergy m, JsonWriter w)
        {
            w.Name("energyWh");
            w.Integer(m.EnergyWattHours);
            w.Name("burnMinutes");
            w.Integer(m.BurnMinutes);
            w.Name("switchOns");
            w.Integer(m.SwitchOnCount);
        }

        public static LampEnergy Read(FieldReader r)
        {
            LampEnergy m = new LampEnergy();
            m.EnergyWattHours = (uint)r.Integer("energyWh", true, 0, 0, uint.MaxValue);
            m.BurnMinutes = (uint)r.Integer("burnMinutes", true, 0, 0, uint.MaxValue);
            m.SwitchOnCount = (uint)r.Integer("switchOns", true, 0, 0, uint.MaxValue);
            return m;
        }
    }
}
