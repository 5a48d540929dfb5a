namespace EdgeDevices.Firmware.Lighting.Output
{
    /// <summary>
    /// Turns a dim level into what the output stage drives. The level is first scaled by the lamp type's
    /// virtual 100 %; a result below the lamp's minimum level opens the relay (a driver cannot hold less,
    /// and a lamp at 0 % should draw nothing), otherwise the relay closes and the dim signal is set for
    /// the interface: PWM duty, 0–10 V, or 1–10 V with 1 V at the minimum.
    /// </summary>
    public static class DimmingOutput
    {
        /// <summary>Fills <paramref name="command"/> for <paramref name="level"/> (0–100 %).</summary>
        public static void Compute(LampType type, int level, OutputCommand command)
        {
            // Tenths of a percent, so that 12 % of a virtual 80 % (9.6 %) stays below a 10 % minimum.
            int tenths = level <= 0 ? 0 : level * type.VirtualFullLevel / 10;
            if (tenths > 1000)
            {
                tenths = 1000;
            }

            if (tenths <= 0 || tenths < type.MinLevel * 10)
            {
                command.RelayOn = false;
                command.PhysicalLevel = 0;
                command.DutyPerMille = 0;
                command.ControlMillivolts = 0;
                return;
            }

            command.RelayOn = true;
            command.PhysicalLevel = (tenths + 5) / 10;
            switch (type.Interface)
            {
                case DimmingInterface.ZeroToTenVolt:
                    command.ControlMillivolts = tenths * 10;
                    break;
                case DimmingInterface.OneToTenVolt:
                    int span = 1000 - type.MinLevel * 10;
                    command.ControlMillivolts = span <= 0 ? 10000 : 1000 + (tenths - type.MinLevel * 10) * 9000 / span;
                    break;
                default:
                    command.ControlMillivolts = 0;
                    break;
            }

            command.DutyPerMille = type.Interface == DimmingInterface.Pwm ? tenths : command.ControlMillivolts / 10;
        }
    }
}
