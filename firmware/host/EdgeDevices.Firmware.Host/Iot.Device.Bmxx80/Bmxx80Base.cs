using System.Device.I2c;
using EdgeDevices.Firmware.Host;
using Iot.Device.Bmxx80.CalibrationData;
using UnitsNet;

namespace Iot.Device.Bmxx80;

/// <summary>
/// Stand-in for the nanoFramework binding's <c>Bmxx80Base</c> (nanoFramework.IoT.Device @ 122ebb1a7a, MIT; no
/// Bmxx80 package is served here, so it is written here). It behaves as the binding does, so the firmware meets on
/// the host what it meets on the device: the chip id read with a write and a separate read, the trimming
/// parameters read register by register, a soft reset without a wait, sampling written read-modify-write to the
/// control register at once, the datasheet's floating-point compensation, and bus results not checked (a chip
/// that stops answering reads as zeros, which the firmware must catch itself). Sleeps are on the board's clock.
/// </summary>
public abstract class Bmxx80Base : IDisposable
{
    private Sampling _temperatureSampling;
    private Sampling _pressureSampling;

    /// <summary>Checks the chip id (throws <see cref="IOException"/> on a mismatch), reads the trimming parameters and resets the chip.</summary>
    protected Bmxx80Base(byte deviceId, I2cDevice i2cDevice)
    {
        I2cDevice = i2cDevice ?? throw new ArgumentNullException(nameof(i2cDevice));
        I2cDevice.WriteByte(0xD0);
        if (I2cDevice.ReadByte() != deviceId)
        {
            throw new IOException();
        }

        ReadCalibrationData();
        Reset();
    }

    /// <summary>How the chip is attached (the binding's enum).</summary>
    public enum CommunicationProtocol
    {
        /// <summary>I2C.</summary>
        I2c,
    }

    /// <summary>Byte order of multi-byte registers.</summary>
    protected internal enum Endianness
    {
        /// <summary>Least significant byte first.</summary>
        LittleEndian,

        /// <summary>Most significant byte first.</summary>
        BigEndian,
    }

    /// <summary>Pressure oversampling, written to the control register at once.</summary>
    public Sampling PressureSampling
    {
        get => _pressureSampling;
        set
        {
            var status = (byte)((Read8BitsFromRegister(ControlRegister) & 0b1110_0011) | ((byte)value << 2));
            I2cDevice.Write(new[] { ControlRegister, status });
            _pressureSampling = value;
        }
    }

    /// <summary>Temperature oversampling, written to the control register at once.</summary>
    public Sampling TemperatureSampling
    {
        get => _temperatureSampling;
        set
        {
            var status = (byte)((Read8BitsFromRegister(ControlRegister) & 0b0001_1111) | ((byte)value << 5));
            I2cDevice.Write(new[] { ControlRegister, status });
            _temperatureSampling = value;
        }
    }

    /// <summary>The fine temperature the pressure and humidity formulas take from the last temperature read.</summary>
    protected double TemperatureFine { get; set; }

    /// <summary>The multiplier of the temperature formula's quadratic term (1 on the BMx280, 16 on the BME680).</summary>
    protected virtual int TempCalibrationFactor => 1;

    /// <summary>The chip's ctrl_meas register.</summary>
    protected byte ControlRegister { get; set; }

    /// <summary>The protocol in use (I2C only).</summary>
    protected CommunicationProtocol CommunicationProtocol1 { get; set; }

    /// <summary>The bus device.</summary>
    protected I2cDevice I2cDevice { get; set; }

    internal Bmxx80CalibrationData CalibrationData { get; private set; }

    /// <summary>Soft-resets the chip and writes the default configuration (no wait for the chip's start-up, as in the binding).</summary>
    public void Reset()
    {
        I2cDevice.Write(new byte[] { 0xE0, 0xB6 });
        SetDefaultConfiguration();
    }

    /// <summary>Reads the temperature.</summary>
    public abstract bool TryReadTemperature(out Temperature temperature);

    /// <summary>Reads the pressure.</summary>
    public abstract bool TryReadPressure(out Pressure pressure);

    /// <summary>Releases the bus device.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The datasheet's floating-point temperature formula; keeps <see cref="TemperatureFine"/> for the others.</summary>
    protected Temperature CompensateTemperature(int adcTemperature)
    {
        var c = CalibrationData;
        var var1 = ((adcTemperature / 16384.0) - (c.DigT1 / 1024.0)) * c.DigT2;
        var var2 = (adcTemperature / 131072.0) - (c.DigT1 / 8192.0);
        var2 *= var2 * c.DigT3 * TempCalibrationFactor;
        TemperatureFine = var1 + var2;
        return Temperature.FromDegreesCelsius((var1 + var2) / 5120.0);
    }

    /// <summary>Reads one register: the register address written, then one byte read.</summary>
    protected internal byte Read8BitsFromRegister(byte register)
    {
        I2cDevice.WriteByte(register);
        return I2cDevice.ReadByte();
    }

    /// <summary>Reads two consecutive registers as a 16-bit value.</summary>
    protected internal ushort Read16BitsFromRegister(byte register, Endianness endianness = Endianness.LittleEndian)
    {
        var bytes = new byte[2];
        I2cDevice.WriteByte(register);
        I2cDevice.Read(bytes);
        return endianness == Endianness.LittleEndian ? (ushort)(bytes[0] | (bytes[1] << 8)) : (ushort)((bytes[0] << 8) | bytes[1]);
    }

    /// <summary>Reads three consecutive registers as a 24-bit value.</summary>
    protected internal uint Read24BitsFromRegister(byte register, Endianness endianness = Endianness.LittleEndian)
    {
        var bytes = new byte[3];
        I2cDevice.WriteByte(register);
        I2cDevice.Read(bytes);
        return endianness == Endianness.LittleEndian
            ? (uint)(bytes[0] | (bytes[1] << 8) | (bytes[2] << 16))
            : (uint)((bytes[0] << 16) | (bytes[1] << 8) | bytes[2]);
    }

    /// <summary>The sampling a register field holds (values from 5 up mean ×16).</summary>
    protected Sampling ByteToSampling(byte value) => value >= 5 ? Sampling.UltraHighResolution : (Sampling)value;

    /// <summary>Temperature and pressure at ×1.</summary>
    protected virtual void SetDefaultConfiguration()
    {
        PressureSampling = Sampling.UltraLowPower;
        TemperatureSampling = Sampling.UltraLowPower;
    }

    /// <summary>Releases the bus device.</summary>
    protected virtual void Dispose(bool disposing)
    {
        I2cDevice?.Dispose();
        I2cDevice = null;
    }

    private void ReadCalibrationData()
    {
        switch (this)
        {
            case Bme280:
                CalibrationData = new Bme280CalibrationData();
                ControlRegister = 0xF4;
                break;
            case Bme680:
                CalibrationData = new Bme680CalibrationData();
                ControlRegister = 0x74;
                break;
            default:
                throw new NotSupportedException("only the BME280 and BME680 are stood in for");
        }

        CalibrationData.ReadFromDevice(this);
    }

    /// <summary>Sleeps on the calling board's clock (the binding sleeps with Thread.Sleep).</summary>
    protected static class StandInClock
    {
        /// <summary>Sleeps <paramref name="milliseconds"/>.</summary>
        public static void Sleep(int milliseconds) => StandIn.Life.Clock.Sleep(milliseconds);
    }
}
