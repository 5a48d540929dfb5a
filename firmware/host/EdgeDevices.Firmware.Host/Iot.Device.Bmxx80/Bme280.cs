using System.Device.I2c;
using Iot.Device.Bmxx80.CalibrationData;
using Iot.Device.Bmxx80.PowerMode;
using Iot.Device.Bmxx80.ReadResult;
using UnitsNet;

namespace Iot.Device.Bmxx80;

/// <summary>
/// Stand-in for the binding's <c>Bme280</c> (see <see cref="Bmxx80Base"/>): humidity oversampling written to
/// ctrl_hum and made effective by rewriting ctrl_meas, a read that forces a conversion unless the chip is in
/// normal mode and sleeps the binding's conversion time, and the datasheet's floating-point humidity formula,
/// clamped to 0–100 %.
/// </summary>
public class Bme280 : Bmx280Base
{
    private const byte ChipId = 0x60;
    private const byte RegCtrlHum = 0xF2;
    private const byte RegCtrlMeas = 0xF4;
    private const byte RegHumidity = 0xFD;

    private Sampling _humiditySampling;

    /// <summary>Opens the chip at the device's address.</summary>
    public Bme280(I2cDevice i2cDevice)
        : base(ChipId, i2cDevice)
    {
        CommunicationProtocol1 = CommunicationProtocol.I2c;
    }

    /// <summary>Humidity oversampling: ctrl_hum, then ctrl_meas rewritten so the chip takes it.</summary>
    public Sampling HumiditySampling
    {
        get => _humiditySampling;
        set
        {
            if (value > Sampling.UltraHighResolution)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            var status = (byte)((Read8BitsFromRegister(RegCtrlHum) & 0b1111_1000) | (byte)value);
            I2cDevice.Write(new[] { RegCtrlHum, status });
            I2cDevice.Write(new[] { RegCtrlMeas, Read8BitsFromRegister(RegCtrlMeas) });
            _humiditySampling = value;
        }
    }

    private Bme280CalibrationData Calibration => (Bme280CalibrationData)CalibrationData;

    /// <summary>Reads the humidity (reading the temperature first for its fine value); false when skipped.</summary>
    public bool TryReadHumidity(out RelativeHumidity humidity) => TryReadHumidityCore(out humidity);

    /// <inheritdoc />
    public override int GetMeasurementDuration() =>
        OsToMeasCycles[(int)PressureSampling] + OsToMeasCycles[(int)TemperatureSampling] + OsToMeasCycles[(int)HumiditySampling];

    /// <summary>One conversion (forced unless in normal mode), then temperature, pressure and humidity.</summary>
    public Bme280ReadResult Read()
    {
        if (ReadPowerMode() != Bmx280PowerMode.Normal)
        {
            SetPowerMode(Bmx280PowerMode.Forced);
            StandInClock.Sleep(GetMeasurementDuration());
        }

        var temperatureIsValid = TryReadTemperatureCore(out var temperature);
        var pressureIsValid = TryReadPressureCore(out var pressure, skipTempFineRead: true);
        var humidityIsValid = TryReadHumidityCore(out var humidity, skipTempFineRead: true);
        return new Bme280ReadResult(temperature, temperatureIsValid, pressure, pressureIsValid, humidity, humidityIsValid);
    }

    /// <inheritdoc />
    protected override void SetDefaultConfiguration()
    {
        base.SetDefaultConfiguration();
        HumiditySampling = Sampling.UltraLowPower;
    }

    // The humidity formula as the binding computes it (122ebb1a7a). It is not quite the datasheet's
    // (BST-BME280-DS002 §8.1: H2/2^16 · (1 + H6/2^26 · h · (1 + H3/2^26 · h))): the binding multiplies by
    // (1 + H6/2^26 · h) · (1 + H3/(2^26 · h)), so on a part whose dig_H3 is not 0 the device's humidity is off
    // by the second factor; every reference part has dig_H3 = 0, where the two agree.
    private RelativeHumidity CompensateHumidity(int adcHumidity)
    {
        var c = Calibration;
        var h = TemperatureFine - 76800.0;
        h = (adcHumidity - ((c.DigH4 * 64.0) + (c.DigH5 / 16384.0 * h)))
            * (c.DigH2 / 65536.0 * (1.0 + (c.DigH6 / 67108864.0 * h)) * (1.0 + (c.DigH3 / (67108864.0 * h))));
        h *= 1.0 - (c.DigH1 * (h / 524288.0));
        return RelativeHumidity.FromPercent(h > 100 ? 100 : h < 0 ? 0 : h);
    }

    private bool TryReadHumidityCore(out RelativeHumidity humidity, bool skipTempFineRead = false)
    {
        if (HumiditySampling == Sampling.Skipped)
        {
            humidity = default;
            return false;
        }

        if (!skipTempFineRead)
        {
            TryReadTemperature(out _);
        }

        humidity = CompensateHumidity(Read16BitsFromRegister(RegHumidity, Endianness.BigEndian));
        return true;
    }
}
