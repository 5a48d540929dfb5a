using System.Threading;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Health;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Storage;
using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Firmware.Device.Network
{
    /// <summary>
    /// What every uplink shares: it delivers the outbox on a thread of its own, registered with the software
    /// watchdog as "uplink", woken when something new is in the outbox, and sleeping in steps that feed the
    /// watchdog and run the runtime's housekeeping. A transport adds its <see cref="Run"/> loop and what its
    /// link can do.
    /// </summary>
    public abstract class OutboxUplink : IUplink
    {
        /// <summary>Longest wait with nothing to send before the loop looks again, ms.</summary>
        protected const int IdleWaitMs = 5000;

        private readonly ManualResetEvent _wake = new ManualResetEvent(false);
        private int _watchdogHandle;

        /// <summary>An uplink for <paramref name="config"/> delivering <paramref name="outbox"/>.</summary>
        protected OutboxUplink(DeviceConfig config, IClock clock, DeviceLog log, Outbox outbox, SoftwareWatchdog watchdog, IUplinkHousekeeping housekeeping)
        {
            Config = config;
            Clock = clock;
            Log = log;
            Outbox = outbox;
            Watchdog = watchdog;
            Housekeeping = housekeeping;
            Sync = new object();
            Record = new byte[OutboxRecord.MaxLength];
        }

        /// <inheritdoc />
        public abstract bool IsConnected { get; }

        /// <inheritdoc />
        public abstract bool CarriesDownloads { get; }

        /// <summary>The device's configuration.</summary>
        protected DeviceConfig Config { get; private set; }

        /// <summary>The device's clock.</summary>
        protected IClock Clock { get; private set; }

        /// <summary>The device's log.</summary>
        protected DeviceLog Log { get; private set; }

        /// <summary>What is to be delivered, oldest first.</summary>
        protected Outbox Outbox { get; private set; }

        /// <summary>The watchdog the uplink thread feeds.</summary>
        protected SoftwareWatchdog Watchdog { get; private set; }

        /// <summary>The runtime's work on the uplink thread.</summary>
        protected IUplinkHousekeeping Housekeeping { get; private set; }

        /// <summary>Guards the link state the runtime's thread reads.</summary>
        protected object Sync { get; private set; }

        /// <summary>A buffer for one outbox record.</summary>
        protected byte[] Record { get; private set; }

        /// <summary>The newest record sent and not yet known to be lost (0: start from the oldest).</summary>
        protected uint LastSent { get; set; }

        /// <summary>The uplink thread's watchdog handle.</summary>
        protected int WatchdogHandle
        {
            get { return _watchdogHandle; }
        }

        /// <summary>Starts the uplink thread.</summary>
        public void Start()
        {
            _watchdogHandle = Watchdog.Register("uplink");
            Clock.StartThread(Run);
        }

        /// <summary>Something new is in the outbox.</summary>
        public void Wake()
        {
            _wake.Set();
        }

        /// <inheritdoc />
        public abstract bool Fetch(byte[] request);

        /// <inheritdoc />
        public abstract void Reconnect();

        /// <summary>The uplink thread's loop (never returns).</summary>
        protected abstract void Run();

        /// <summary>Starts a pass: the wake signal is cleared, the watchdog fed, the housekeeping run.</summary>
        protected void BeginPass()
        {
            _wake.Reset();
            Watchdog.Feed(_watchdogHandle);
            Housekeeping.Tick();
        }

        /// <summary>Waits until something new is in the outbox, or <see cref="IdleWaitMs"/>.</summary>
        protected void WaitForWork()
        {
            Clock.WaitFor(_wake, IdleWaitMs);
        }

        /// <summary>Sleeps <paramref name="milliseconds"/>, feeding the watchdog and running the housekeeping on the way.</summary>
        protected void SleepFeeding(int milliseconds)
        {
            FeedingSleep.Run(Clock, Watchdog, _watchdogHandle, Housekeeping, milliseconds, IdleWaitMs);
        }
    }
}
