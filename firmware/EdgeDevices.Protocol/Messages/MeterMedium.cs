namespace EdgeDevices.Firmware.Messages
{
    /// <summary>What a meter channel measures, and so its unit (two bits in the compact form).</summary>
    public enum MeterMedium : byte
    {
        /// <summary>Active electrical energy, kWh.</summary>
        Electricity = 0,

        /// <summary>Water volume, m³.</summary>
        Water = 1,

        /// <summary>Gas volume, m³.</summary>
        Gas = 2,

        /// <summary>Heat energy, kWh.</summary>
        Heat = 3
    }
}
