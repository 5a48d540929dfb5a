using System.Device.I2c;
using Iot.Device.Bmxx80.FilteringMode;
using Iot.Device.Bmxx80.PowerMode;
using UnitsNet;

namespace Iot.Device.Bmxx80;

/// <summary>
/// Stand-in for the binding's <c>Bmx280Base</c> (see <see cref="Bmxx80Base"/>): filter and standby written
/// read-modify-write to config, the power mode to ctrl_meas, temperature and pressure read each from its own
/// registers and compensated with the datasheet's floating-point formulas. As in the binding, a read is valid
/// whenever its oversampling is not "skipped": the register contents are not checked.
/// </summary>
public abstract class Bmx280Base : Bmxx80Base
{
    /// <summary>Address with SDO high.</summary>
    public const byte DefaultI2cAddress = 0x77;

    /// <summary>Address with SDO low.</summary>
    public const byte SecondaryI2cAddress = 0x76;

    /// <summary>Milliseconds a conversion takes per oversampling setting (the binding's table, generous against the datasheet's maxima).</summary>
    protected static readonly int[] OsToMeasCycles = [0, 7, 9, 14, 23, 44];

    private const byte RegStatus = 0xF3;
    private const byte RegConfig = 0xF5;
    private const byte RegPressure = 0xF7;
    private const byte RegTemperature = 0xFA;

    private Bmx280FilteringMode _filteringMode;
    private StandbyTime _standbyTime;

    /// <summary>Opens the chip (see <see cref="Bmxx80Base"/>).</summary>
    protected Bmx280Base(byte deviceId, I2cDevice i2cDevice)
        : base(deviceId, i2cDevice)
    {
    }

    /// <summary>IIR filter, written to config at once.</summary>
    public Bmx280FilteringMode FilterMode
    {
        get => _filteringMode;
        set
        {
            var current = (byte)((Read8BitsFromRegister(RegConfig) & 0b1110_0011) | ((byte)value << 2));
            I2cDevice.Write(new[] { RegConfig, current });
            _filteringMode = value;
        }
    }

    /// <summary>Standby time in normal mode, written to config at once.</summary>
    public StandbyTime StandbyTime
    {
        get => _standbyTime;
        set
        {
            var current = (byte)((Read8BitsFromRegister(RegConfig) & 0b0001_1111) | ((byte)value << 5));
            I2cDevice.Write(new[] { RegConfig, current });
            _standbyTime = value;
        }
    }

    /// <inheritdoc />
    public override bool TryReadTemperature(out Temperature temperature) => TryReadTemperatureCore(out temperature);

    /// <inheritdoc />
    public override bool TryReadPressure(out Pressure pressure) => TryReadPressureCore(out pressure);

    /// <summary>The power mode in ctrl_meas; <see cref="IOException"/> for the undefined 01.</summary>
    public Bmx280PowerMode ReadPowerMode()
    {
        var mode = (byte)(Read8BitsFromRegister(ControlRegister) & 0b11);
        if (mode != (byte)Bmx280PowerMode.Forced && mode != (byte)Bmx280PowerMode.Normal && mode != (byte)Bmx280PowerMode.Sleep)
        {
            throw new IOException();
        }

        return (Bmx280PowerMode)mode;
    }

    /// <summary>The status register: measuring (bit 3) and NVM copying (bit 0).</summary>
    public DeviceStatus ReadStatus()
    {
        var status = Read8BitsFromRegister(RegStatus);
        return new DeviceStatus { Measuring = ((status >> 3) & 1) == 1, ImageUpdating = (status & 1) == 1 };
    }

    /// <summary>Writes the power mode into ctrl_meas, keeping the oversampling bits.</summary>
    public void SetPowerMode(Bmx280PowerMode powerMode)
    {
        var cleared = (byte)(Read8BitsFromRegister(ControlRegister) & 0b1111_1100);
        I2cDevice.Write(new[] { ControlRegister, (byte)(cleared | (byte)powerMode) });
    }

    /// <summary>Milliseconds to wait for a conversion at the current oversampling.</summary>
    public virtual int GetMeasurementDuration() => OsToMeasCycles[(int)PressureSampling] + OsToMeasCycles[(int)TemperatureSampling];

    /// <summary>Altitude by the hypsometric formula from the pressure and temperature now.</summary>
    public bool TryReadAltitude(Pressure seaLevelPressure, out Length altitude)
    {
        if (!TryReadPressureCore(out var pressure) || !TryReadTemperatureCore(out var temperature))
        {
            altitude = default;
            return false;
        }

        // WeatherHelper.CalculateAltitude: ((p0/p)^(1/5.255) − 1) × T[K] / 0.0065.
        altitude = Length.FromMeters((Math.Pow(seaLevelPressure.Pascals / pressure.Pascals, 1 / 5.255) - 1) * temperature.Kelvins / 0.0065);
        return true;
    }

    /// <summary>Altitude against the mean sea-level pressure (1013.25 hPa).</summary>
    public bool TryReadAltitude(out Length altitude) => TryReadAltitude(Pressure.FromPascals(101325), out altitude);

    /// <inheritdoc />
    protected override void SetDefaultConfiguration()
    {
        base.SetDefaultConfiguration();
        FilterMode = Bmx280FilteringMode.Off;
        StandbyTime = StandbyTime.Ms125;
    }

    /// <summary>Reads and compensates the temperature (and with it the fine temperature); false when skipped.</summary>
    protected bool TryReadTemperatureCore(out Temperature temperature)
    {
        if (TemperatureSampling == Sampling.Skipped)
        {
            temperature = default;
            return false;
        }

        temperature = CompensateTemperature((int)Read24BitsFromRegister(RegTemperature, Endianness.BigEndian) >> 4);
        return true;
    }

    /// <summary>Reads and compensates the pressure, reading the temperature first unless told it is fresh; false when skipped.</summary>
    protected bool TryReadPressureCore(out Pressure pressure, bool skipTempFineRead = false)
    {
        if (PressureSampling == Sampling.Skipped)
        {
            pressure = default;
            return false;
        }

        if (!skipTempFineRead)
        {
            TryReadTemperatureCore(out _);
        }

        pressure = CompensatePressure((int)Read24BitsFromRegister(RegPressure, Endianness.BigEndian) >> 4);
        return true;
    }

    // The datasheet's floating-point pressure formula (BST-BME280-DS002 §8.1), as the binding computes it.
    private Pressure CompensatePressure(long adcPressure)
    {
        var c = CalibrationData;
        var var1 = (TemperatureFine / 2.0) - 64000.0;
        var var2 = var1 * var1 * c.DigP6 / 32768.0;
        var2 += var1 * c.DigP5 * 2.0;
        var2 = (var2 / 4.0) + (c.DigP4 * 65536.0);
        var1 = ((c.DigP3 * var1 * var1 / 524288.0) + (c.DigP2 * var1)) / 524288.0;
        var1 = (1.0 + (var1 / 32768.0)) * c.DigP1;
        if (var1 == 0.0)
        {
            return Pressure.FromPascals(0);
        }

        var p = 1048576.0 - adcPressure;
        p = (p - (var2 / 4096.0)) * 6250.0 / var1;
        var1 = c.DigP9 * p * p / 2147483648.0;
        var2 = p * c.DigP8 / 32768.0;
        return Pressure.FromPascals(p + ((var1 + var2 + c.DigP7) / 16.0));
    }
}
