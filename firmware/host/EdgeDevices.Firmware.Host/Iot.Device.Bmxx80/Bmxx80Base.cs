using System.Device.I2c;
using EdgeDevices.Firmware.Host;
using UnitsNet;

namespace Iot.Device.Bmxx80;

/// <summary>
/// Stand-in for IoT.Device's <c>Bmxx80Base</c>. The served package registry has no nanoFramework
/// Bmxx80 binding, so this driver family is written here: it talks to the chip over the (emulated) I2C
/// bus at register level, as the real binding does, and compensates with the firmware core's Bosch
/// formulas. Waits for a conversion sleep on the calling board's clock.
/// </summary>
public abstract class Bmxx80Base : IDisposable
{
    private readonly byte _chipId;

    /// <summary>Checks the chip id (throws <see cref="IOException"/> on a mismatch), as the binding's constructor does.</summary>
    protected Bmxx80Base(byte deviceId, I2cDevice i2cDevice)
    {
        I2cDevice = i2cDevice ?? throw new ArgumentNullException(nameof(i2cDevice));
        _chipId = deviceId;
        var found = Read8BitsFromRegister(0xD0);
        if (found != deviceId)
        {
            throw new IOException($"Unable to find a chip with id {deviceId} (found {found}) at address 0x{i2cDevice.ConnectionSettings.DeviceAddress:X2}");
        }
    }

    /// <summary>How the chip is attached (the binding's enum).</summary>
    public enum CommunicationProtocol
    {
        /// <summary>I2C.</summary>
        I2c,
    }

    /// <summary>Byte order of multi-byte registers.</summary>
    public enum Endianness
    {
        /// <summary>Least significant byte first.</summary>
        LittleEndian,

        /// <summary>Most significant byte first.</summary>
        BigEndian,
    }

    /// <summary>Temperature oversampling.</summary>
    public Sampling TemperatureSampling { get; set; } = Sampling.UltraLowPower;

    /// <summary>Pressure oversampling.</summary>
    public Sampling PressureSampling { get; set; } = Sampling.UltraLowPower;

    /// <summary>Calibration factor applied to temperature (1 by default).</summary>
    public double TempCalibrationFactor { get; set; } = 1;

    /// <summary>The bus device.</summary>
    protected I2cDevice I2cDevice { get; set; }

    /// <summary>Soft-resets the chip and restores the default configuration.</summary>
    public void Reset()
    {
        WriteRegister(0xE0, 0xB6);
        StandInClock.Sleep(2);
        SetDefaultConfiguration();
    }

    /// <summary>Reads the temperature (forcing a conversion when needed).</summary>
    public abstract bool TryReadTemperature(out Temperature temperature);

    /// <summary>Reads the pressure (forcing a conversion when needed).</summary>
    public abstract bool TryReadPressure(out Pressure pressure);

    /// <summary>Releases the bus device.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Restores the chip's default configuration.</summary>
    protected virtual void SetDefaultConfiguration()
    {
        TemperatureSampling = Sampling.UltraLowPower;
        PressureSampling = Sampling.UltraLowPower;
    }

    /// <summary>Releases the bus device.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            I2cDevice?.Dispose();
            I2cDevice = null;
        }
    }

    /// <summary>Reads one register.</summary>
    protected byte Read8BitsFromRegister(byte register)
    {
        var value = new byte[1];
        Transfer(new byte[] { register }, value);
        return value[0];
    }

    /// <summary>Reads consecutive registers.</summary>
    protected byte[] ReadRegisters(byte register, int count)
    {
        var values = new byte[count];
        Transfer(new byte[] { register }, values);
        return values;
    }

    /// <summary>Writes one register.</summary>
    protected void WriteRegister(byte register, byte value)
    {
        var result = I2cDevice.Write(new byte[] { register, value });
        if (result.Status != I2cTransferStatus.FullTransfer)
        {
            throw new IOException($"I2C write to chip {_chipId} failed: {result.Status}");
        }
    }

    private void Transfer(byte[] write, byte[] read)
    {
        var result = I2cDevice.WriteRead(write, read);
        if (result.Status != I2cTransferStatus.FullTransfer)
        {
            throw new IOException($"I2C read from chip {_chipId} failed: {result.Status}");
        }
    }

    /// <summary>Sleeps on the calling board's clock (the binding sleeps with Thread.Sleep).</summary>
    protected static class StandInClock
    {
        /// <summary>Sleeps <paramref name="milliseconds"/>.</summary>
        public static void Sleep(int milliseconds) => StandIn.Life.Clock.Sleep(milliseconds);
    }
}
