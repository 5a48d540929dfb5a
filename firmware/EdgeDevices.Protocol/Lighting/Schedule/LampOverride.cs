using System;

namespace EdgeDevices.Firmware.Lighting.Schedule
{
    /// <summary>A level imposed by an operator that wins over the schedule until it expires.</summary>
    public sealed class LampOverride
    {
        /// <summary>Creates an override; <paramref name="expiresUtc"/> DateTime.MaxValue means until cleared.</summary>
        public LampOverride(byte level, DateTime expiresUtc)
        {
            Level = level;
            ExpiresUtc = expiresUtc;
        }

        /// <summary>Dim level 0–100 %.</summary>
        public byte Level { get; private set; }

        /// <summary>When the schedule takes over again (UTC).</summary>
        public DateTime ExpiresUtc { get; private set; }

        /// <summary>Whether the override still applies at <paramref name="utc"/>.</summary>
        public bool IsActive(DateTime utc)
        {
            return utc < ExpiresUtc;
        }
    }
}
