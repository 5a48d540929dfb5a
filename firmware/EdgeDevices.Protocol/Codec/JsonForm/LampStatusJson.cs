using EdgeDevices.Firmware.Json;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Codec.JsonForm
{
    /// <summary>"level" (%), "relay" (bool), "power" (W, one decimal, absent when not measured), "faults", "source".</summary>
    internal static class LampStatusJson
    {
        public static void Write(LampStatus m, JsonWriter w)
        {
            string source = WireNames.Of(m.Source);
            if (m.Level > 100 || source == null)
            {
                throw new CodecException(CodecError.ValueOutOfRange, m.Level > 100 ? "level" : "source", "lamp status field out of range");
            }

            w.Name("level");
            w.Integer(m.Level);
            w.Name("relay");
            w.Boolean(m.RelayOn);
            if (m.HasPower)
            {
                w.Name("power");
                w.Scaled(m.PowerDeciWatt, 1);
            }

            w.Name("faults");
            NameList.Write(w, (int)m.Faults, 8, WireNames.LampFaultBitName);
            w.Name("source");
            w.String(source);
        }

        public static LampStatus Read(FieldReader r)
        {
            LampStatus m = new LampStatus();
            m.Level = (byte)r.Integer("level", true, 0, 0, 100);
            m.RelayOn = r.Boolean("relay", true, false);
            if (r.Has("power"))
            {
                m.HasPower = true;
                m.PowerDeciWatt = (int)r.Scaled("power", 1, true, 0, 0, 1000000);
            }

            m.Faults = (LampFaults)NameList.Read(r, "faults", 8, WireNames.LampFaultBitName, "lamp fault");
            m.Source = (ControlSource)r.Name("source", true, 3, WireNames.SourceName, "schedule, override, default or manual");

            return m;
        }
    }
}
