using System;
using System.Device.Gpio;
using System.IO.Ports;
using EdgeDevices.Firmware.AirQuality.Pms5003;
using EdgeDevices.Firmware.AirQuality.Sds011;
using EdgeDevices.Firmware.Boards;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Timing;
using nanoFramework.Hardware.Esp32;

namespace EdgeDevices.Apps.AirQuality
{
    /// <summary>
    /// The node's particle sensor (PMS5003 or SDS011) on its UART, 9600 8N1, in active mode: frames are
    /// read as they come and checked byte by byte by the core's parsers, which resynchronise after noise,
    /// truncated or corrupted frames (and skip the SDS011's command replies). Between cycles the sensor
    /// sleeps, fan and laser off, which saves its laser's life: the PMS5003 by its SET line, the SDS011, which
    /// has none, by its UART sleep/work command. An SDS011 measures PM2.5 and PM10 only: its readings carry no PM1.
    /// </summary>
    public sealed class ParticleSensor
    {
        private const int ReadTimeoutMs = 1000;
        private const int FailurePauseMs = 1000;

        private readonly ParticleSensorKind _kind;
        private readonly SerialPort _port;
        private readonly GpioPin _enable;
        private readonly Pms5003Parser _pms = new Pms5003Parser();
        private readonly Sds011Parser _sds = new Sds011Parser();
        private readonly byte[] _buffer = new byte[64];
        private readonly byte[] _command = new byte[Sds011Command.Size];
        private readonly DeviceLog _log;
        private readonly IClock _clock;
        private int _pending;
        private int _position;

        /// <summary>Routes the UART to the board's pins and opens it; drives SET if the board wires it.</summary>
        public ParticleSensor(ParticleSensorKind kind, BoardPins pins, GpioController gpio, IClock clock, DeviceLog log)
        {
            _kind = kind;
            _clock = clock;
            _log = log;
            if (kind == ParticleSensorKind.None)
            {
                return;
            }

            if (pins.ParticlePort == "COM2")
            {
                Configuration.SetPinFunction(pins.ParticleRxPin, DeviceFunction.COM2_RX);
                Configuration.SetPinFunction(pins.ParticleTxPin, DeviceFunction.COM2_TX);
            }
            else
            {
                Configuration.SetPinFunction(pins.ParticleRxPin, DeviceFunction.COM3_RX);
                Configuration.SetPinFunction(pins.ParticleTxPin, DeviceFunction.COM3_TX);
            }

            _port = new SerialPort(pins.ParticlePort, 9600, Parity.None, 8, StopBits.One);
            _port.ReadTimeout = ReadTimeoutMs;
            _port.WriteTimeout = ReadTimeoutMs;
            _port.Open();
            if (kind == ParticleSensorKind.Pms5003 && pins.ParticleEnablePin >= 0)
            {
                _enable = gpio.OpenPin(pins.ParticleEnablePin, PinMode.Output);
                _enable.Write(PinValue.High);
            }
        }

        /// <summary>Whether a sensor is configured at all.</summary>
        public bool IsFitted
        {
            get { return _kind != ParticleSensorKind.None; }
        }

        /// <summary>The particle sizes the sensor measures.</summary>
        public AirQualityFields Channels
        {
            get
            {
                return _kind == ParticleSensorKind.Pms5003 ? AirQualityFields.Particulates
                    : _kind == ParticleSensorKind.Sds011 ? (AirQualityFields.Pm25 | AirQualityFields.Pm10)
                    : AirQualityFields.None;
            }
        }

        /// <summary>Frames refused by the parser so far (noise, corruption).</summary>
        public int FramesRejected
        {
            get { return _kind == ParticleSensorKind.Sds011 ? _sds.FramesRejected : _pms.FramesRejected; }
        }

        /// <summary>Wakes (true) or sleeps the sensor; waking throws away what arrived meanwhile.</summary>
        public void SetRunning(bool running)
        {
            if (_enable != null)
            {
                _enable.Write(running ? PinValue.High : PinValue.Low);
            }

            if (_kind == ParticleSensorKind.Sds011 && _port != null)
            {
                // The sensor's reply (AA C5 …) is skipped by the measurement parser like any other non-data frame.
                Sds011Command.SetSleepWork(running, Sds011Command.AnySensor, _command, 0);
                try
                {
                    _port.Write(_command, 0, _command.Length);
                }
                catch (Exception ex)
                {
                    _log.Warn("particle sensor sleep/work command failed: " + ex.Message);
                }
            }

            _pending = 0;
            _position = 0;
        }

        /// <summary>
        /// Waits up to a second for the next complete frame; true with its concentrations (µg/m³, the
        /// atmospheric-environment values) when one arrived.
        /// </summary>
        public bool TryRead(out int pm1, out int pm25, out int pm10)
        {
            pm1 = 0;
            pm25 = 0;
            pm10 = 0;
            if (_port == null)
            {
                return false;
            }

            while (true)
            {
                if (_position >= _pending)
                {
                    try
                    {
                        _pending = _port.Read(_buffer, 0, _buffer.Length);
                        _position = 0;
                    }
                    catch (TimeoutException)
                    {
                        return false;
                    }
                    catch (Exception ex)
                    {
                        // A failing UART must not spin the CPU: pause before the caller tries again.
                        _log.Warn("particle sensor read failed: " + ex.Message);
                        _clock.Sleep(FailurePauseMs);
                        return false;
                    }
                }

                while (_position < _pending)
                {
                    byte b = _buffer[_position++];
                    if (_kind == ParticleSensorKind.Sds011)
                    {
                        if (_sds.Push(b))
                        {
                            // No PM1 from an SDS011: the sampler leaves it out of the reading.
                            pm25 = (_sds.Frame.Pm25Tenths + 5) / 10;
                            pm10 = (_sds.Frame.Pm10Tenths + 5) / 10;
                            return true;
                        }
                    }
                    else if (_pms.Push(b))
                    {
                        pm1 = _pms.Frame.Pm1;
                        pm25 = _pms.Frame.Pm25;
                        pm10 = _pms.Frame.Pm10;
                        return true;
                    }
                }
            }
        }
    }
}
