using EdgeDevices.Firmware.AirQuality.Pms5003;
using EdgeDevices.Hardware.Emulation.Gpio;
using EdgeDevices.Hardware.Emulation.Parts.Pms5003;
using EdgeDevices.Hardware.Emulation.Uart;

namespace EdgeDevices.Hardware.Emulation.Tests.Parts;

public sealed class Pms5003SensorTests
{
    [Fact]
    public void Sends_a_frame_a_second_while_set_is_high_and_none_while_low()
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        var sensor = new Pms5003Sensor(bench.Board, 16, 17, setPin: 4) { Pm25 = 33 };
        var port = Open(bench);
        var frames = 0;
        Pms5003Frame? last = null;
        for (var i = 0; i < 5; i++)
        {
            // Read often enough: the UART buffer holds 256 bytes, eight frames.
            bench.Run(2_100);
            frames += Parse(port, out var frame);
            last = frame ?? last;
        }

        Assert.InRange(frames, 9, 11);
        Assert.Equal(33, last!.Pm25);

        bench.Board.Gpio.Open(4, GpioMode.Output);
        bench.Board.Gpio.Write(4, false);
        bench.Run(5_000);
        Assert.Equal(0, Parse(port, out _));
        Assert.False(sensor.IsRunning);
    }

    [Fact]
    public void Answers_a_read_command_in_passive_mode_and_sleeps_on_command()
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        var sensor = new Pms5003Sensor(bench.Board, 16, 17, setPin: -1);
        var port = Open(bench);
        port.Write(Command(0xE1, 0), 0, 7);
        bench.Run(5_000);
        port.DiscardInBuffer();
        bench.Run(3_000);
        Assert.Equal(0, Parse(port, out _));

        port.Write(Command(0xE2, 0), 0, 7);
        Assert.Equal(1, Parse(port, out _));

        port.Write(Command(0xE1, 1), 0, 7);
        port.Write(Command(0xE4, 0), 0, 7);
        bench.Run(3_000);
        Assert.Equal(0, Parse(port, out _));
        Assert.False(sensor.IsRunning);
    }

    [Fact]
    public void Corrupted_frames_fail_the_parser_checks()
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        var sensor = new Pms5003Sensor(bench.Board, 16, 17, setPin: -1);
        var port = Open(bench);
        sensor.CorruptNext(6);
        bench.Run(6_500);

        // Bit flips fail the checksum and truncated frames are dropped; noise before a frame costs nothing.
        Assert.InRange(Parse(port, out _, out var rejected), 0, 2);
        Assert.True(rejected >= 2, $"{rejected} frames rejected");
        Assert.Equal(6, sensor.FramesCorrupted);
        bench.Run(3_000);
        Assert.InRange(Parse(port, out _), 2, 4);
    }

    private static UartPort Open(Bench bench)
    {
        bench.Board.PinFunctions.Set(16, "COM2_RX");
        bench.Board.PinFunctions.Set(17, "COM2_TX");
        return bench.Board.Uarts.Open(bench.Board.Life, "COM2", 9600);
    }

    private static int Parse(UartPort port, out Pms5003Frame? last) => Parse(port, out last, out _);

    private static int Parse(UartPort port, out Pms5003Frame? last, out int rejected)
    {
        var parser = new Pms5003Parser();
        var buffer = new byte[port.BytesToRead];
        var n = buffer.Length == 0 ? 0 : port.Read(buffer, 0, buffer.Length, 0);
        var frames = 0;
        for (var i = 0; i < n; i++)
        {
            frames += parser.Push(buffer[i]) ? 1 : 0;
        }

        last = frames > 0 ? parser.Frame : null;
        rejected = parser.FramesRejected;
        return frames;
    }

    private static byte[] Command(byte command, byte data)
    {
        var bytes = new byte[] { 0x42, 0x4D, command, 0x00, data, 0, 0 };
        var sum = 0x42 + 0x4D + command + data;
        bytes[5] = (byte)(sum >> 8);
        bytes[6] = (byte)sum;
        return bytes;
    }
}
