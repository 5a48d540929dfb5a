using EdgeDevices.Fleet.Provisioning;
using EdgeDevices.Hardware.Emulation.Parts.Bme280;
using EdgeDevices.Hardware.Emulation.Parts.Bme680;
using EdgeDevices.Hardware.Emulation.Parts.Pms5003;
using EdgeDevices.Hardware.Emulation.Parts.Sds011;
using EdgeDevices.Hardware.Emulation.World;

namespace EdgeDevices.Fleet.Devices;

/// <summary>An air-quality node: a BME280 or BME680 on I2C (SDO low: 0x76) and a PMS5003 or an SDS011 on its UART.</summary>
public sealed class AirQualityDevice : EmulatedDevice
{
    internal AirQualityDevice(EmulationWorld world, DeviceSpec spec)
        : base(world, spec)
    {
        if (spec.Climate == "bme680")
        {
            Bme680 = new Bme680Chip(Board, Pins.I2cDataPin, Pins.I2cClockPin);
        }
        else if (spec.Climate == "bme280")
        {
            Bme280 = new Bme280Chip(Board, Pins.I2cDataPin, Pins.I2cClockPin);
        }

        if (spec.Particles == "pms5003")
        {
            Pms5003 = new Pms5003Sensor(Board, Pins.ParticleRxPin, Pins.ParticleTxPin, Pins.ParticleEnablePin, seed: Math.Abs(spec.DeviceId.GetHashCode() % 997));
        }
        else if (spec.Particles == "sds011")
        {
            // The SDS011 has no SET line: the firmware sleeps it over the UART.
            Sds011 = new Sds011Sensor(Board, Pins.ParticleRxPin, Pins.ParticleTxPin, sensorId: Math.Abs(spec.DeviceId.GetHashCode() % 0xFFFE));
        }
    }

    /// <summary>The BME280, when fitted.</summary>
    public Bme280Chip? Bme280 { get; }

    /// <summary>The BME680, when fitted.</summary>
    public Bme680Chip? Bme680 { get; }

    /// <summary>The PMS5003, when fitted.</summary>
    public Pms5003Sensor? Pms5003 { get; }

    /// <summary>The SDS011, when fitted.</summary>
    public Sds011Sensor? Sds011 { get; }

    /// <summary>Sets the weather the climate sensor sees.</summary>
    public void SetClimate(double celsius, double humidityPercent, double hectopascals)
    {
        if (Bme280 != null)
        {
            Bme280.TemperatureCelsius = celsius;
            Bme280.HumidityPercent = humidityPercent;
            Bme280.PressureHectopascals = hectopascals;
        }

        if (Bme680 != null)
        {
            Bme680.TemperatureCelsius = celsius;
            Bme680.HumidityPercent = humidityPercent;
            Bme680.PressureHectopascals = hectopascals;
        }
    }
}
