using System.Device.Gpio;
using System.Device.I2c;
using System.Device.Pwm;
using System.IO.Ports;
using EdgeDevices.Firmware.AirQuality.Pms5003;
using EdgeDevices.Hardware.Emulation.Parts.Bme280;
using EdgeDevices.Hardware.Emulation.Parts.Pms5003;
using EdgeDevices.Hardware.Emulation.Storage;
using Iot.Device.Bmxx80;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Runtime.Native;

namespace EdgeDevices.Firmware.Host.Tests;

/// <summary>GPIO, PWM, I2C, serial, Bmxx80 and power stand-ins against the emulated board.</summary>
public sealed class PeripheralStandInTests
{
    [Fact]
    public void A_pwm_channel_needs_its_pin_routed_first()
    {
        using var device = new OnBoard();
        Assert.Null(device.Run(() => PwmChannel.CreateFromPin(25, 1000, 0.5)));

        var channel = device.Run(() =>
        {
            Configuration.SetPinFunction(25, DeviceFunction.PWM1);
            var pwm = PwmChannel.CreateFromPin(25, 1000, 0.25);
            pwm.Start();
            return pwm;
        });
        Assert.NotNull(channel);
        Assert.Equal(0.25, device.Board.Pwm.DutyOn(25), 3);
        device.Run(() => channel.DutyCycle = 0.8);
        Assert.Equal(0.8, device.Board.Pwm.DutyOn(25), 3);
    }

    [Fact]
    public void Input_only_pins_refuse_output_and_pulls_set_the_idle_level()
    {
        using var device = new OnBoard();
        Assert.Throws<InvalidOperationException>(() => device.Run(() => new GpioController().OpenPin(35, PinMode.Output)));
        Assert.False(device.Run(() => new GpioController().IsPinModeSupported(35, PinMode.InputPullUp)));

        var pin = device.Run(() => new GpioController().OpenPin(32, PinMode.InputPullUp));
        Assert.Equal(PinValue.High, device.Run(pin.Read));
        var edges = new List<PinEventTypes>();
        device.Run(() => pin.ValueChanged += (_, e) => edges.Add(e.ChangeType));
        device.Board.Gpio.Drive(32, false);
        device.Board.Gpio.Drive(32, null);
        Assert.Equal([PinEventTypes.Falling, PinEventTypes.Rising], edges);
    }

    [Fact]
    public void I2c_reaches_a_chip_only_on_the_pads_the_bus_is_routed_to()
    {
        using var device = new OnBoard();
        _ = new Bme280Chip(device.Board, sdaPin: 21, sclPin: 22, address: 0x76);
        var id = new byte[1];
        var unrouted = device.Run(() => I2cDevice.Create(new I2cConnectionSettings(1, 0x76)).WriteRead(new byte[] { 0xD0 }, id));
        Assert.Equal(I2cTransferStatus.SlaveAddressNotAcknowledged, unrouted.Status);

        var routed = device.Run(() =>
        {
            Configuration.SetPinFunction(21, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(22, DeviceFunction.I2C1_CLOCK);
            return I2cDevice.Create(new I2cConnectionSettings(1, 0x76)).WriteRead(new byte[] { 0xD0 }, id);
        });
        Assert.Equal(I2cTransferStatus.FullTransfer, routed.Status);
        Assert.Equal(Bme280Chip.ChipIdValue, id[0]);
    }

    [Theory]
    [InlineData(-10.0, 20.0, 950.0, 0)]
    [InlineData(21.5, 45.0, 1013.0, 1)]
    [InlineData(38.25, 85.0, 1080.0, 2)]
    public void The_Bme280_driver_reads_back_what_the_chip_is_exposed_to_whatever_its_calibration(double celsius, double humidity, double hectopascals, int variant)
    {
        using var device = new OnBoard();
        var calibration = Bme280Chip.TypicalCalibration();
        calibration.DigT1 = (ushort)(calibration.DigT1 + (variant * 37));
        calibration.DigP2 = (short)(calibration.DigP2 - (variant * 11));
        calibration.DigH2 = (short)(calibration.DigH2 + (variant * 5));
        var chip = new Bme280Chip(device.Board, 21, 22, 0x77, calibration)
        {
            TemperatureCelsius = celsius,
            HumidityPercent = humidity,
            PressureHectopascals = hectopascals,
        };

        var result = device.Run(() =>
        {
            Configuration.SetPinFunction(21, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(22, DeviceFunction.I2C1_CLOCK);
            var bme = new Bme280(I2cDevice.Create(new I2cConnectionSettings(1, Bmx280Base.DefaultI2cAddress)))
            {
                TemperatureSampling = Sampling.UltraHighResolution,
                PressureSampling = Sampling.UltraHighResolution,
                HumiditySampling = Sampling.UltraHighResolution,
            };
            return bme.Read();
        });

        Assert.True(result.TemperatureIsValid && result.PressureIsValid && result.HumidityIsValid, $"valid T {result.TemperatureIsValid} P {result.PressureIsValid} H {result.HumidityIsValid}: {result.Temperature.DegreesCelsius} {result.Pressure.Hectopascals} {result.Humidity.Percent}");
        Assert.Equal(celsius, result.Temperature.DegreesCelsius, 0.05);
        Assert.Equal(humidity, result.Humidity.Percent, 0.5);
        Assert.Equal(hectopascals, result.Pressure.Hectopascals, 0.5);
        Assert.True(chip.Conversions >= 1);
    }

    [Fact]
    public void The_Bme280_constructor_throws_an_IOException_when_another_chip_answers()
    {
        using var device = new OnBoard();
        _ = new EdgeDevices.Hardware.Emulation.Parts.Bme680.Bme680Chip(device.Board, 21, 22, 0x76);
        Assert.Throws<IOException>(() => device.Run(() =>
        {
            Configuration.SetPinFunction(21, DeviceFunction.I2C1_DATA);
            Configuration.SetPinFunction(22, DeviceFunction.I2C1_CLOCK);
            return new Bme280(I2cDevice.Create(new I2cConnectionSettings(1, 0x76)));
        }));
    }

    [Fact]
    public void A_serial_read_times_out_until_the_port_is_routed_to_the_sensor()
    {
        using var device = new OnBoard();
        var sensor = new Pms5003Sensor(device.Board, boardRxPin: 16, boardTxPin: 17, setPin: -1);
        var port = device.Run(() =>
        {
            var p = new SerialPort("COM2", 9600) { ReadTimeout = 1500 };
            p.Open();
            return p;
        });
        var buffer = new byte[64];
        Assert.Throws<TimeoutException>(() => device.Run(() => port.Read(buffer, 0, buffer.Length)));
        device.Run(port.Close);

        var frames = device.Run(() =>
        {
            Configuration.SetPinFunction(16, DeviceFunction.COM2_RX);
            Configuration.SetPinFunction(17, DeviceFunction.COM2_TX);
            var p = new SerialPort("COM2", 9600) { ReadTimeout = 3000 };
            p.Open();
            var parser = new Pms5003Parser();
            var parsed = 0;
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (parsed < 2 && DateTime.UtcNow < deadline)
            {
                var n = p.Read(buffer, 0, buffer.Length);
                for (var i = 0; i < n; i++)
                {
                    parsed += parser.Push(buffer[i]) ? 1 : 0;
                }
            }

            return parsed;
        });
        Assert.Equal(2, frames);
        Assert.True(sensor.FramesSent >= 2);
    }

    [Fact]
    public void Rebooting_ends_the_running_life_and_boots_the_firmware_again()
    {
        using var device = new OnBoard();
        var boots = device.Board.Boots;
        Assert.Throws<PowerLossException>(() => device.Run(() => Power.RebootDevice()));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (device.Board.Boots == boots && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        Assert.Equal(boots + 1, device.Board.Boots);
        Assert.Equal(1, device.Board.SoftwareReboots);
    }
}
