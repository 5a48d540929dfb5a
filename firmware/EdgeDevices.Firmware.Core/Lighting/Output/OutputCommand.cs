namespace EdgeDevices.Firmware.Lighting.Output
{
    /// <summary>What the output stage drives for a level: the relay and the dim signal.</summary>
    public sealed class OutputCommand
    {
        /// <summary>Whether the lamp relay is closed.</summary>
        public bool RelayOn { get; set; }

        /// <summary>Physical output after virtual 100 % and the minimum, %.</summary>
        public int PhysicalLevel { get; set; }

        /// <summary>Dim signal as a fraction of full scale, per mille: the PWM duty, or the duty of the PWM that makes the analogue voltage.</summary>
        public int DutyPerMille { get; set; }

        /// <summary>Dim voltage for analogue interfaces, millivolts (0 for PWM).</summary>
        public int ControlMillivolts { get; set; }
    }
}
