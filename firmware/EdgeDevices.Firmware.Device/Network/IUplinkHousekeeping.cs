namespace EdgeDevices.Firmware.Device.Network
{
    /// <summary>Work the runtime does on the uplink thread: after each connect, and on every pass of its loop.</summary>
    public interface IUplinkHousekeeping
    {
        /// <summary>The broker has just accepted the connection.</summary>
        void OnConnected();

        /// <summary>A pass of the uplink loop (at least every few seconds).</summary>
        void Tick();

        /// <summary>A command payload arrived.</summary>
        void OnCommand(byte[] payload);

        /// <summary>A chunk of an update download arrived (see Update.ChunkFrames).</summary>
        void OnChunk(byte[] payload);

        /// <summary>A reject notice arrived: the gateway quarantined one of this device's payloads (null: one came in a burst too big to keep).</summary>
        void OnRejectNotice(byte[] payload);
    }
}
