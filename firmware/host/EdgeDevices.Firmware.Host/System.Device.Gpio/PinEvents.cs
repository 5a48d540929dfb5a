using System.Runtime.CompilerServices;
using EdgeDevices.Hardware.Emulation.Board;

namespace System.Device.Gpio;

/// <summary>
/// The pin-change subscriptions of one board life: each pin has one listener on the emulated pad, which
/// hands every edge to the handlers registered for it (in registration order), honouring each handler's
/// edge filter and the pin's debounce time.
/// </summary>
internal sealed class PinEvents
{
    private static readonly ConditionalWeakTable<BoardLife, PinEvents> ByLife = [];

    private readonly BoardLife _life;
    private readonly object _sync = new();
    private readonly Dictionary<int, List<Subscription>> _subscriptions = [];
    private readonly Dictionary<int, long> _debounceTicks = [];
    private readonly Dictionary<int, long> _lastDelivered = [];

    private PinEvents(BoardLife life) => _life = life;

    public static PinEvents Of(BoardLife life) => ByLife.GetValue(life, l => new PinEvents(l));

    public void Add(int pin, PinEventTypes types, object sender, Action<object, PinValueChangedEventArgs> handler, Delegate key)
    {
        lock (_sync)
        {
            if (!_subscriptions.TryGetValue(pin, out var list))
            {
                list = [];
                _subscriptions[pin] = list;
                _life.Board.Gpio.Listen(pin, _life, level => Deliver(pin, level));
            }

            list.Add(new Subscription(types, sender, handler, key));
        }
    }

    public void Remove(int pin, Delegate key)
    {
        lock (_sync)
        {
            if (_subscriptions.TryGetValue(pin, out var list))
            {
                list.RemoveAll(s => s.Key.Equals(key));
                if (list.Count == 0)
                {
                    _subscriptions.Remove(pin);
                    _life.Board.Gpio.StopListening(pin);
                }
            }
        }
    }

    public void RemovePin(int pin)
    {
        lock (_sync)
        {
            if (_subscriptions.Remove(pin))
            {
                _life.Board.Gpio.StopListening(pin);
            }
        }
    }

    public void SetDebounce(int pin, TimeSpan timeout)
    {
        lock (_sync)
        {
            _debounceTicks[pin] = timeout.Ticks;
        }
    }

    private void Deliver(int pin, bool level)
    {
        var edge = level ? PinEventTypes.Rising : PinEventTypes.Falling;
        Subscription[] targets;
        lock (_sync)
        {
            if (!_subscriptions.TryGetValue(pin, out var list))
            {
                return;
            }

            // The driver's debounce: an edge too soon after the last one delivered is dropped.
            var now = _life.Clock.UptimeMilliseconds * TimeSpan.TicksPerMillisecond;
            if (_debounceTicks.TryGetValue(pin, out var debounce) && debounce > 0
                && _lastDelivered.TryGetValue(pin, out var last) && now - last < debounce)
            {
                return;
            }

            _lastDelivered[pin] = now;
            targets = [.. list];
        }

        var args = new PinValueChangedEventArgs(edge, pin);
        foreach (var target in targets)
        {
            if ((target.Types & edge) != 0)
            {
                target.Handler(target.Sender, args);
            }
        }
    }

    private sealed record Subscription(PinEventTypes Types, object Sender, Action<object, PinValueChangedEventArgs> Handler, Delegate Key);
}
