using EdgeDevices.Firmware.Storage;
using EdgeDevices.Hardware.Emulation.Storage;

namespace EdgeDevices.Hardware.Emulation.Board;

/// <summary>The board's flash files as one life sees them: every access fails once that life has ended.</summary>
internal sealed class LifeFiles(BoardLife life, EmulatedFiles flash) : IDeviceFiles
{
    public IFlashStorage OpenRegion(string name, int size)
    {
        life.ThrowIfDead();
        return new LifeRegion(life, flash, name, flash.OpenRegion(name, size));
    }

    public string? ReadText(string name)
    {
        life.ThrowIfDead();
        return flash.ReadText(name);
    }

    public void WriteText(string name, string text)
    {
        life.ThrowIfDead();
        flash.WriteText(name, text);
    }

    public void Delete(string name)
    {
        life.ThrowIfDead();
        flash.Delete(name);
    }

    private sealed class LifeRegion(BoardLife life, EmulatedFiles flash, string name, IFlashStorage region) : IFlashStorage
    {
        public int Length => region.Length;

        public void Read(int position, byte[] buffer, int offset, int count)
        {
            life.ThrowIfDead();
            region.Read(position, buffer, offset, count);
        }

        public void Write(int position, byte[] buffer, int offset, int count)
        {
            life.ThrowIfDead();
            while (flash.IsStalled(name))
            {
                // Hangs on the board's clock, so virtual time goes on (and a power cut ends the wait).
                life.Clock.WaitFor(flash.Resumed, Timeout.Infinite);
            }

            region.Write(position, buffer, offset, count);
        }

        public void Flush()
        {
            life.ThrowIfDead();
            region.Flush();
        }
    }
}
