namespace EdgeDevices.Firmware.Config
{
    /// <summary>Which climate sensor an air-quality node has.</summary>
    public enum ClimateSensorKind : byte
    {
        /// <summary>None fitted.</summary>
        None = 0,

        /// <summary>Bosch BME280 (temperature, humidity, pressure) on I2C.</summary>
        Bme280 = 1,

        /// <summary>Bosch BME680 (adds a gas sensor) on I2C.</summary>
        Bme680 = 2
    }
}
