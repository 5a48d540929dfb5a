using System.Device.Gpio;

namespace EdgeDevices.Firmware.Device.Status
{
    /// <summary>The board's status LED: lit while the device is online. A board without one (-1) ignores it.</summary>
    public sealed class StatusLed
    {
        private readonly GpioPin _pin;
        private bool _lit;

        /// <summary>The LED on <paramref name="pinNumber"/>, off.</summary>
        public StatusLed(GpioController gpio, int pinNumber)
        {
            if (pinNumber >= 0)
            {
                _pin = gpio.OpenPin(pinNumber, PinMode.Output);
                _pin.Write(PinValue.Low);
            }
        }

        /// <summary>Lights or darkens the LED (writes only on a change).</summary>
        public void Set(bool lit)
        {
            if (_pin == null || lit == _lit)
            {
                return;
            }

            _lit = lit;
            _pin.Write(lit ? PinValue.High : PinValue.Low);
        }
    }
}
