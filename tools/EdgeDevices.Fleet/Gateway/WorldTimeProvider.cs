using EdgeDevices.Hardware.Emulation.Timing;

namespace EdgeDevices.Fleet.Gateway;

/// <summary>
/// The gateway's wall clock read from the emulation's clock, so that on a virtual clock the gateway dates
/// readings, checks their timestamps and ages its buffer in the devices' time. Waits and timers stay on the
/// host's clock (the base class's), since they pace machinery rather than the city's day.
/// </summary>
public sealed class WorldTimeProvider(IWorldClock clock) : TimeProvider
{
    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(clock.UtcNow, DateTimeKind.Utc));
}
