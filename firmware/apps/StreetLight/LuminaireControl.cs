using System.Device.Gpio;
using System.Device.Pwm;
using EdgeDevices.Firmware.Boards;
using EdgeDevices.Firmware.Lighting.Monitor;
using EdgeDevices.Firmware.Lighting.Output;
using nanoFramework.Hardware.Esp32;

namespace EdgeDevices.Apps.StreetLight
{
    /// <summary>
    /// The controller's outputs and inputs as the board wires them: the dim signal (LEDC PWM, filtered to
    /// 0–10 V for analogue drivers), the relay coil, the relay's auxiliary contact, and the metering chip's
    /// CF pulses, counted by the ESP32's pulse counter and turned into active power over each sample period.
    /// </summary>
    public sealed class LuminaireControl
    {
        /// <summary>PWM frequency of the dim signal.</summary>
        public const int PwmFrequency = 1000;

        private readonly GpioPin _relay;
        private readonly GpioPin _feedback;
        private readonly PwmChannel _dim;
        private readonly GpioPulseCounter _power;
        private readonly int _milliwattsPerHertz;
        private long _lastCount;
        private long _lastCountAt = -1;
        private int _lastDuty = -1;
        private bool _relayOn;

        /// <summary>Sets up the pins of <paramref name="pins"/>, relay open and dim signal at zero.</summary>
        public LuminaireControl(GpioController gpio, BoardPins pins)
        {
            Configuration.SetPinFunction(pins.DimPwmPin, DeviceFunction.PWM1);
            _dim = PwmChannel.CreateFromPin(pins.DimPwmPin, PwmFrequency, 0);
            if (_dim != null)
            {
                _dim.Start();
            }

            _relay = gpio.OpenPin(pins.RelayPin, PinMode.Output);
            _relay.Write(PinValue.Low);
            if (pins.RelayFeedbackPin >= 0)
            {
                _feedback = gpio.OpenPin(pins.RelayFeedbackPin, PinMode.InputPullUp);
            }

            _milliwattsPerHertz = pins.PowerMilliwattsPerHertz;
            if (pins.PowerPulsePin >= 0)
            {
                _power = new GpioPulseCounter(pins.PowerPulsePin);
                _power.Polarity = GpioPulsePolarity.Rising;
                _power.Start();
            }
        }

        /// <summary>Whether the dim output could be opened (false: no PWM channel on the pin).</summary>
        public bool HasDimOutput
        {
            get { return _dim != null; }
        }

        /// <summary>Drives the relay and the dim signal (each written only when it changes).</summary>
        public void Apply(OutputCommand command)
        {
            if (_dim != null && command.DutyPerMille != _lastDuty)
            {
                _lastDuty = command.DutyPerMille;
                _dim.DutyCycle = command.DutyPerMille / 1000.0;
            }

            if (command.RelayOn != _relayOn || _lastCountAt < 0)
            {
                _relayOn = command.RelayOn;
                _relay.Write(command.RelayOn ? PinValue.High : PinValue.Low);
            }
        }

        /// <summary>Fills <paramref name="sample"/> with the power since the previous sample and the relay contact.</summary>
        public void Sample(long nowMs, LampSample sample)
        {
            sample.HasRelayFeedback = _feedback != null;
            sample.RelayClosed = _feedback != null && _feedback.Read() == PinValue.Low;
            sample.HasPower = false;
            if (_power == null)
            {
                return;
            }

            long count = _power.Read().Count;
            if (_lastCountAt >= 0 && nowMs > _lastCountAt)
            {
                long pulses = count - _lastCount;
                sample.HasPower = true;
                sample.PowerDeciWatt = (int)(pulses * _milliwattsPerHertz * 10 / (nowMs - _lastCountAt));
            }

            _lastCount = count;
            _lastCountAt = nowMs;
        }
    }
}
