namespace EdgeDevices.Gateway.Southbound.LoRaWan;

/// <summary>
/// The deduplication ids seen lately, to drop an event the broker or ChirpStack delivers twice before it
/// costs a decode and a commit. Bounded: the oldest ids leave first. After a restart the buffer's own
/// key (device, boot, sequence) still turns a repeated message into a duplicate.
/// </summary>
public sealed class RecentIds(int capacity)
{
    private readonly object _sync = new();
    private readonly HashSet<string> _set = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<string> _order = new();

    /// <summary>Whether <paramref name="id"/> was remembered.</summary>
    public bool Contains(string id)
    {
        lock (_sync)
        {
            return _set.Contains(id);
        }
    }

    /// <summary>Remembers <paramref name="id"/> (once what it carried is committed); false when it was known.</summary>
    public bool Add(string id)
    {
        lock (_sync)
        {
            if (!_set.Add(id))
            {
                return false;
            }

            _order.Enqueue(id);
            if (_order.Count > capacity)
            {
                _set.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
