using System.Device.I2c;
using EdgeDevices.Firmware.AirQuality.Bme280;
using Iot.Device.Bmxx80.PowerMode;
using Iot.Device.Bmxx80.ReadResult;
using UnitsNet;

namespace Iot.Device.Bmxx80;

/// <summary>
/// Stand-in for IoT.Device's <c>Bme280</c> binding (written here: no nanoFramework Bmxx80 package is
/// served). The constructor checks the chip id, loads the calibration memory and resets the chip; a read
/// forces a conversion unless the chip is in normal mode, waits the datasheet's maximum conversion time,
/// burst-reads 0xF7–0xFE and compensates with the firmware core's integer formulas.
/// </summary>
public class Bme280 : Bmx280Base
{
    /// <summary>The BME280's chip id.</summary>
    private const byte ChipId = 0x60;

    private const byte RegCtrlHum = 0xF2;

    private Bme280Calibration _calibration;

    /// <summary>Opens the chip at the device's address.</summary>
    public Bme280(I2cDevice i2cDevice)
        : base(ChipId, i2cDevice)
    {
        _calibration = Bme280Calibration.FromRegisters(ReadRegisters(0x88, Bme280Calibration.Block1Length), ReadRegisters(0xE1, Bme280Calibration.Block2Length));
        Reset();
    }

    /// <summary>Humidity oversampling.</summary>
    public Sampling HumiditySampling { get; set; } = Sampling.UltraLowPower;

    /// <summary>Sets the power mode; ctrl_hum goes first, as the datasheet requires.</summary>
    public override void SetPowerMode(Bmx280PowerMode powerMode)
    {
        WriteRegister(RegCtrlHum, (byte)HumiditySampling);
        base.SetPowerMode(powerMode);
    }

    /// <inheritdoc />
    public override int GetMeasurementDuration() => MeasurementDuration(TemperatureSampling, PressureSampling, HumiditySampling);

    /// <summary>Reads temperature, pressure and humidity in one conversion.</summary>
    public Bme280ReadResult Read()
    {
        ConvertIfNeeded();
        var raw = ReadRegisters(0xF7, 8);
        Bme280Compensation.ParseRaw(raw, 0, out var adcP, out var adcT, out var adcH);
        var temperatureValid = TemperatureSampling != Sampling.Skipped && adcT != 0x80000;
        var fine = Bme280Compensation.FineTemperature(_calibration, adcT);
        var temperature = Temperature.FromDegreesCelsius(Bme280Compensation.TemperatureCentiCelsius(fine) / 100.0 * TempCalibrationFactor);
        var pressureValid = temperatureValid && PressureSampling != Sampling.Skipped && adcP != 0x80000;
        var pressure = Pressure.FromPascals(Bme280Compensation.PressureQ24(_calibration, fine, adcP) / 256.0);
        var humidityValid = temperatureValid && HumiditySampling != Sampling.Skipped && adcH != 0x8000;
        var humidity = RelativeHumidity.FromPercent(Bme280Compensation.HumidityQ10(_calibration, fine, adcH) / 1024.0);
        return new Bme280ReadResult(temperature, temperatureValid, pressure, pressureValid, humidity, humidityValid);
    }

    /// <inheritdoc />
    public override bool TryReadTemperature(out Temperature temperature)
    {
        var result = Read();
        temperature = result.Temperature;
        return result.TemperatureIsValid;
    }

    /// <inheritdoc />
    public override bool TryReadPressure(out Pressure pressure)
    {
        var result = Read();
        pressure = result.Pressure;
        return result.PressureIsValid;
    }

    /// <summary>Reads the humidity.</summary>
    public bool TryReadHumidity(out RelativeHumidity humidity)
    {
        var result = Read();
        humidity = result.Humidity;
        return result.HumidityIsValid;
    }

    /// <inheritdoc />
    protected override void SetDefaultConfiguration()
    {
        base.SetDefaultConfiguration();
        HumiditySampling = Sampling.UltraLowPower;
    }
}
