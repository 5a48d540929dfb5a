using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Metering
{
    /// <summary>How one S0 input of a meter node is read.</summary>
    public sealed class MeterChannelSettings
    {
        /// <summary>Settings with the common defaults.</summary>
        public MeterChannelSettings(MeterMedium medium, int channel, int pulsesPerUnit)
        {
            Medium = medium;
            Channel = channel;
            PulsesPerUnit = pulsesPerUnit;
            UnsavedPulseWindow = 50;
            DebounceMs = 20;
            NightWindowStartMinute = 120;
            NightWindowEndMinute = 300;
            NightBucketMinutes = 15;
            TamperConsecutivePulses = 5;
        }

        /// <summary>What the meter measures.</summary>
        public MeterMedium Medium { get; private set; }

        /// <summary>Input channel, 0–3.</summary>
        public int Channel { get; private set; }

        /// <summary>Meter constant: pulses per unit (imp/kWh, imp/m³).</summary>
        public int PulsesPerUnit { get; private set; }

        /// <summary>The meter's register at installation, thousandths of a unit.</summary>
        public long InitialTotalMilli { get; set; }

        /// <summary>Most pulses a power cut may lose: the total is saved at least this often.</summary>
        public int UnsavedPulseWindow { get; set; }

        /// <summary>S0 debounce filter, ms (below the 30 ms minimum pulse).</summary>
        public int DebounceMs { get; set; }

        /// <summary>Largest plausible flow, thousandths of a unit per hour; faster pulses are tamper. 0 = no limit.</summary>
        public long MaxFlowMilliPerHour { get; set; }

        /// <summary>Pulses in a row faster than the maximum flow before tamper is raised.</summary>
        public int TamperConsecutivePulses { get; set; }

        /// <summary>Start of the night window (local minute) for leak detection.</summary>
        public int NightWindowStartMinute { get; set; }

        /// <summary>End of the night window (local minute).</summary>
        public int NightWindowEndMinute { get; set; }

        /// <summary>The night window is cut into buckets of this length; flow in every one is a leak.</summary>
        public int NightBucketMinutes { get; set; }

        /// <summary>Thousandths of a unit per pulse, exactly when the constant divides 1000.</summary>
        public long MilliPerPulseTimes(long pulses)
        {
            return pulses * 1000 / PulsesPerUnit;
        }
    }
}
