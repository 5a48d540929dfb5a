namespace EdgeDevices.Firmware.Config
{
    /// <summary>Which particle sensor an air-quality node has.</summary>
    public enum ParticleSensorKind : byte
    {
        /// <summary>None fitted.</summary>
        None = 0,

        /// <summary>Plantower PMS5003 on a UART.</summary>
        Pms5003 = 1,

        /// <summary>Nova SDS011 on a UART.</summary>
        Sds011 = 2
    }
}
