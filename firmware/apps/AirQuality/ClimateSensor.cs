using System;
using System.Device.I2c;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Logging;
using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.ReadResult;

namespace EdgeDevices.Apps.AirQuality
{
    /// <summary>
    /// The node's climate sensor (BME280 or BME680) on I2C bus 1, found at 0x76 or 0x77. A sensor that is
    /// missing or stops answering is looked for again at the next reading, so a loose connector repaired in
    /// the field needs no reboot. The binding checks no bus result and no register content: a chip that stops
    /// answering reads as zeros, which its formulas turn into about −140 °C, "valid". So a reading no weather
    /// gives (below −60 °C or above 85 °C, the sensor's top; pressure outside its 300…1100 hPa) counts as no
    /// answer, and the chip is opened again (which also rewrites a configuration a brown-out of the chip has
    /// cleared). Below the datasheet's −40 °C the part still reads: Kazakh winters go there, and a reading is
    /// worth more than none.
    /// </summary>
    public sealed class ClimateSensor
    {
        private const int MinCentiCelsius = -6000;
        private const int MaxCentiCelsius = 8500;
        private const int MinPascal = 30000;
        private const int MaxPascal = 110000;

        private readonly ClimateSensorKind _kind;
        private readonly int _busId;
        private readonly DeviceLog _log;
        private Bme280 _bme280;
        private Bme680 _bme680;

        /// <summary>A sensor of <paramref name="kind"/> on <paramref name="busId"/>.</summary>
        public ClimateSensor(ClimateSensorKind kind, int busId, DeviceLog log)
        {
            _kind = kind;
            _busId = busId;
            _log = log;
        }

        /// <summary>Whether a sensor is configured at all.</summary>
        public bool IsFitted
        {
            get { return _kind != ClimateSensorKind.None; }
        }

        /// <summary>Reads temperature (0.01 °C), humidity (0.01 %) and pressure (Pa); false when the sensor did not answer.</summary>
        public bool TryRead(out int centiCelsius, out int centiPercent, out int pascal)
        {
            centiCelsius = 0;
            centiPercent = 0;
            pascal = 0;
            if (!IsFitted)
            {
                return false;
            }

            try
            {
                Bme280ReadResult result = Open() ? ReadOpened() : null;
                if (result == null || !result.TemperatureIsValid || !result.HumidityIsValid || !result.PressureIsValid)
                {
                    return false;
                }

                centiCelsius = (int)Math.Round(result.Temperature.DegreesCelsius * 100);
                centiPercent = (int)Math.Round(result.Humidity.Percent * 100);
                pascal = (int)Math.Round(result.Pressure.Pascals);
                if (centiCelsius < MinCentiCelsius || centiCelsius > MaxCentiCelsius || pascal < MinPascal || pascal > MaxPascal)
                {
                    _log.Warn("climate sensor read " + centiCelsius.ToString() + " cC, " + pascal.ToString() + " Pa: not weather, taken as no answer");
                    Close();
                    centiCelsius = 0;
                    centiPercent = 0;
                    pascal = 0;
                    return false;
                }

                return true;
            }
            catch (Exception ex)
            {
                _log.Warn("climate sensor read failed: " + ex.Message);
                Close();
                return false;
            }
        }

        private Bme280ReadResult ReadOpened()
        {
            return _bme280 != null ? _bme280.Read() : _bme680.Read();
        }

        private bool Open()
        {
            if (_bme280 != null || _bme680 != null)
            {
                return true;
            }

            int[] addresses = new int[] { 0x76, 0x77 };
            for (int i = 0; i < addresses.Length; i++)
            {
                I2cDevice device = I2cDevice.Create(new I2cConnectionSettings(_busId, addresses[i], I2cBusSpeed.StandardMode));
                try
                {
                    if (_kind == ClimateSensorKind.Bme680)
                    {
                        _bme680 = new Bme680(device);
                    }
                    else
                    {
                        _bme280 = new Bme280(device);
                        _bme280.TemperatureSampling = Sampling.HighResolution;
                        _bme280.PressureSampling = Sampling.HighResolution;
                        _bme280.HumiditySampling = Sampling.HighResolution;
                    }

                    _log.Info("climate sensor found at 0x" + addresses[i].ToString("X2"));
                    return true;
                }
                catch (Exception)
                {
                    device.Dispose();
                }
            }

            return false;
        }

        private void Close()
        {
            if (_bme280 != null)
            {
                _bme280.Dispose();
                _bme280 = null;
            }

            if (_bme680 != null)
            {
                _bme680.Dispose();
                _bme680 = null;
            }
        }
    }
}
