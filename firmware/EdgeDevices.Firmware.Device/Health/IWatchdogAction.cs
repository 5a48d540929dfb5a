namespace EdgeDevices.Firmware.Device.Health
{
    /// <summary>What the watchdog does when a watched thread stops feeding it.</summary>
    public interface IWatchdogAction
    {
        /// <summary>Thread <paramref name="name"/> has not fed the watchdog for <paramref name="stuckSeconds"/>.</summary>
        void Bite(string name, int stuckSeconds);
    }
}
