using System.Device.Gpio;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Metering;
using EdgeDevices.Firmware.Timing;

namespace EdgeDevices.Apps.Meter
{
    /// <summary>
    /// One S0 input. A reed contact bounces, so by default every edge goes through the core's integrating
    /// debouncer (the ESP32 pulse counter's glitch filter is microseconds long, far too short for contact
    /// bounce); a clean opto-coupler output may instead be counted by the pulse counter, which misses
    /// nothing however busy the firmware is. Pulses are taken by the app's loop.
    /// </summary>
    public sealed class S0Input
    {
        private readonly object _sync = new object();
        private readonly IClock _clock;
        private readonly GpioPin _pin;
        private readonly S0PulseDebouncer _debouncer;
        private readonly GpioPulseCounter _counter;
        private long _counted;
        private long _counterTaken;

        /// <summary>An input on <paramref name="pinNumber"/> counted as <paramref name="kind"/> says.</summary>
        public S0Input(GpioController gpio, IClock clock, int pinNumber, MeterInputKind kind, int debounceMs)
        {
            _clock = clock;
            if (kind == MeterInputKind.Pcnt)
            {
                _counter = new GpioPulseCounter(pinNumber);
                _counter.Polarity = GpioPulsePolarity.Falling;
                _counter.FilterPulses = 1023;
                _counter.Start();
                return;
            }

            // The S0 output pulls the line low while conducting, against the internal pull-up.
            _debouncer = new S0PulseDebouncer(debounceMs, true);
            _pin = gpio.OpenPin(pinNumber, PinMode.InputPullUp);
            _pin.ValueChanged += OnValueChanged;
        }

        /// <summary>Debounce rejections so far (bounce, spikes, dropouts).</summary>
        public long GlitchesIgnored
        {
            get
            {
                lock (_sync)
                {
                    return _debouncer == null ? 0 : _debouncer.GlitchesIgnored;
                }
            }
        }

        /// <summary>Pulses counted since the previous call.</summary>
        public int Take(long nowMs)
        {
            if (_counter != null)
            {
                long count = _counter.Read().Count;
                long fresh = count - _counterTaken;
                _counterTaken = count;
                return (int)fresh;
            }

            lock (_sync)
            {
                _counted += _debouncer.Poll(nowMs);
                int taken = (int)_counted;
                _counted = 0;
                return taken;
            }
        }

        private void OnValueChanged(object sender, PinValueChangedEventArgs e)
        {
            lock (_sync)
            {
                _counted += _debouncer.OnEdge(_clock.UptimeMilliseconds, e.ChangeType == PinEventTypes.Rising);
            }
        }
    }
}
