using System.Collections;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Firmware.Device.Network
{
    /// <summary>
    /// What a LoRaWAN uplink has proved delivered. An unconfirmed uplink tells nothing about delivery, so the
    /// records it carried stay in the outbox until a confirmed uplink sent after them is acknowledged: every
    /// <see cref="VerifyEvery"/>-th frame goes confirmed, and any frame once <see cref="VerifyIntervalMs"/> have
    /// passed since the last proof with records unproved. An acknowledgement vouches for everything carried
    /// before it; its absence means the link was down, so everything unproved goes again, in order, after a
    /// pause doubling from a minute to half an hour — or after a fresh join once that has happened
    /// <see cref="RejoinAfterFailures"/> times running. No I/O: the uplink asks and reports.
    /// </summary>
    public sealed class DeliveryVerifier
    {
        /// <summary>Every this many frames one goes confirmed.</summary>
        public const int VerifyEvery = 8;

        /// <summary>Unproved records older than this make the next frame confirmed.</summary>
        public const int VerifyIntervalMs = 1800000;

        /// <summary>Unacknowledged confirmations in a row after which the uplink joins again.</summary>
        public const int RejoinAfterFailures = 4;

        /// <summary>What <see cref="NotAcknowledged"/> returns when the uplink should join again rather than pause.</summary>
        public const int Rejoin = -1;

        private const int FirstRetryPauseMs = 60000;
        private const int MaxRetryPauseMs = 1800000;

        private readonly Outbox _outbox;
        private readonly ArrayList _unverified = new ArrayList();
        private int _framesSinceVerified;
        private long _verifiedAt;
        private int _failures;

        /// <summary>A verifier acknowledging proved records in <paramref name="outbox"/>.</summary>
        public DeliveryVerifier(Outbox outbox)
        {
            _outbox = outbox;
        }

        /// <summary>Records carried but not yet proved delivered.</summary>
        public int Unproved
        {
            get { return _unverified.Count; }
        }

        /// <summary>Whether the next frame should go confirmed, at uptime <paramref name="now"/>.</summary>
        public bool NeedsConfirmation(long now)
        {
            return _framesSinceVerified + 1 >= VerifyEvery || (_unverified.Count > 0 && now - _verifiedAt >= VerifyIntervalMs);
        }

        /// <summary>A transmitted frame carried the outbox record <paramref name="id"/> (whole, or its last fragment).</summary>
        public void Carried(uint id)
        {
            _unverified.Add(id);
        }

        /// <summary>An unconfirmed frame went out.</summary>
        public void SentUnconfirmed()
        {
            _framesSinceVerified++;
        }

        /// <summary>The network acknowledged a confirmed frame at <paramref name="now"/>: everything carried so far leaves the outbox.</summary>
        public void Acknowledged(long now)
        {
            for (int i = 0; i < _unverified.Count; i++)
            {
                _outbox.Acknowledge((uint)_unverified[i]);
            }

            _unverified.Clear();
            _framesSinceVerified = 0;
            _verifiedAt = now;
            _failures = 0;
        }

        /// <summary>
        /// A confirmed frame was not acknowledged: everything unproved goes again, and the next frame goes confirmed.
        /// Returns the pause before trying again (ms), or <see cref="Rejoin"/>.
        /// </summary>
        public int NotAcknowledged()
        {
            _failures++;
            Rewind();
            if (_failures >= RejoinAfterFailures)
            {
                // Perhaps the network forgot the session: a fresh join settles it.
                _failures = 0;
                return Rejoin;
            }

            int pause = FirstRetryPauseMs << (_failures - 1);
            return pause > MaxRetryPauseMs ? MaxRetryPauseMs : pause;
        }

        /// <summary>The session or the modem was lost: unproved records go again from the oldest, the next frame confirmed.</summary>
        public void Rewind()
        {
            _unverified.Clear();
            _framesSinceVerified = VerifyEvery;
        }
    }
}
