using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.Parts;

namespace EdgeDevices.Firmware.Host.Tests.Bmxx80;

/// <summary>
/// A chip that is only its register file: what a test puts there is what a driver reads, and a driver's writes
/// are kept and change nothing else. For feeding a driver register contents taken from a reference (calibration
/// bytes of a real part, raw ADC values of Bosch's test vectors) without any emulated physics in between.
/// </summary>
internal sealed class RegisterFileChip(EmulatedBoard board, int sdaPin, int sclPin, int address) : RegisterChip(board, sdaPin, sclPin, address)
{
    /// <summary>Puts <paramref name="bytes"/> at <paramref name="register"/> onward.</summary>
    public void Put(int register, byte[] bytes) => bytes.CopyTo(Registers, register);

    /// <summary>Puts a 20-bit ADC value in the chip's msb/lsb/xlsb layout at <paramref name="register"/>.</summary>
    public void PutAdc20(int register, int value) => Put20(register, value);

    /// <summary>Puts a 16-bit ADC value, most significant byte first, at <paramref name="register"/>.</summary>
    public void PutAdc16(int register, int value) => Put16(register, value);

    /// <inheritdoc />
    protected override void PowerOnReset()
    {
    }

    /// <inheritdoc />
    protected override void Update()
    {
    }

    /// <inheritdoc />
    protected override void WriteRegister(byte register, byte value) => Registers[register] = value;
}
