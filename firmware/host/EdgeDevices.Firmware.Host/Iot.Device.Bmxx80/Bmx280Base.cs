using System.Device.I2c;
using Iot.Device.Bmxx80.FilteringMode;
using Iot.Device.Bmxx80.PowerMode;
using UnitsNet;

namespace Iot.Device.Bmxx80;

/// <summary>Stand-in for IoT.Device's <c>Bmx280Base</c> (BMP280/BME280 control, status and modes).</summary>
public abstract class Bmx280Base : Bmxx80Base
{
    /// <summary>Address with SDO high.</summary>
    public const byte DefaultI2cAddress = 0x77;

    /// <summary>Address with SDO low.</summary>
    public const byte SecondaryI2cAddress = 0x76;

    /// <summary>Conversion cycles per oversampling code.</summary>
    protected static readonly byte[] OsToMeasCycles = [0, 1, 2, 4, 8, 16];

    private const byte RegStatus = 0xF3;
    private const byte RegCtrlMeas = 0xF4;
    private const byte RegConfig = 0xF5;

    private Bmx280FilteringMode _filter;
    private StandbyTime _standby = StandbyTime.Ms125;

    /// <summary>Checks the chip id.</summary>
    protected Bmx280Base(byte deviceId, I2cDevice i2cDevice)
        : base(deviceId, i2cDevice)
    {
    }

    /// <summary>IIR filter.</summary>
    public Bmx280FilteringMode FilterMode
    {
        get => _filter;
        set
        {
            _filter = value;
            WriteConfig();
        }
    }

    /// <summary>Standby between normal-mode conversions.</summary>
    public StandbyTime StandbyTime
    {
        get => _standby;
        set
        {
            _standby = value;
            WriteConfig();
        }
    }

    /// <summary>Sets the power mode (also writing the current oversampling).</summary>
    public virtual void SetPowerMode(Bmx280PowerMode powerMode) =>
        WriteRegister(RegCtrlMeas, (byte)(((byte)TemperatureSampling << 5) | ((byte)PressureSampling << 2) | (byte)powerMode));

    /// <summary>Reads the power mode.</summary>
    public Bmx280PowerMode ReadPowerMode()
    {
        var mode = Read8BitsFromRegister(RegCtrlMeas) & 0x03;
        return mode == 3 ? Bmx280PowerMode.Normal : mode == 0 ? Bmx280PowerMode.Sleep : Bmx280PowerMode.Forced;
    }

    /// <summary>Reads the status register.</summary>
    public DeviceStatus ReadStatus()
    {
        var status = Read8BitsFromRegister(RegStatus);
        return new DeviceStatus { Measuring = (status & 0x08) != 0, ImageUpdating = (status & 0x01) != 0 };
    }

    /// <summary>Maximum time of one forced conversion at the current settings, ms.</summary>
    public virtual int GetMeasurementDuration() => MeasurementDuration(TemperatureSampling, PressureSampling, Sampling.Skipped);

    /// <summary>Altitude from the pressure and a sea-level pressure.</summary>
    public bool TryReadAltitude(Pressure seaLevelPressure, out Length altitude)
    {
        if (!TryReadPressure(out var pressure))
        {
            altitude = default;
            return false;
        }

        altitude = Length.FromMeters(44330 * (1 - Math.Pow(pressure.Pascals / seaLevelPressure.Pascals, 1 / 5.255)));
        return true;
    }

    /// <summary>Altitude against the standard sea-level pressure.</summary>
    public bool TryReadAltitude(out Length altitude) => TryReadAltitude(Pressure.FromPascals(101325), out altitude);

    /// <summary>Forces a conversion when the chip is not converting on its own, and waits for it.</summary>
    protected void ConvertIfNeeded()
    {
        if (ReadPowerMode() != Bmx280PowerMode.Normal)
        {
            SetPowerMode(Bmx280PowerMode.Forced);
            StandInClock.Sleep(GetMeasurementDuration());
        }
    }

    /// <inheritdoc />
    protected override void SetDefaultConfiguration()
    {
        base.SetDefaultConfiguration();
        _filter = Bmx280FilteringMode.Off;
        _standby = StandbyTime.Ms125;
        WriteConfig();
    }

    /// <summary>Datasheet maximum conversion time, ms, rounded up.</summary>
    protected static int MeasurementDuration(Sampling temperature, Sampling pressure, Sampling humidity)
    {
        var t = 1.25 + (2.3 * OsToMeasCycles[(int)temperature]);
        if (pressure != Sampling.Skipped)
        {
            t += (2.3 * OsToMeasCycles[(int)pressure]) + 0.575;
        }

        if (humidity != Sampling.Skipped)
        {
            t += (2.3 * OsToMeasCycles[(int)humidity]) + 0.575;
        }

        return (int)Math.Ceiling(t);
    }

    private void WriteConfig() => WriteRegister(RegConfig, (byte)(((byte)_standby << 5) | ((byte)_filter << 2)));
}
