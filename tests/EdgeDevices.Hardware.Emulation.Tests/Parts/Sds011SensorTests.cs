using EdgeDevices.Firmware.AirQuality.Sds011;
using EdgeDevices.Hardware.Emulation.Parts.Sds011;
using EdgeDevices.Hardware.Emulation.Uart;
using EdgeDevices.Testing;

namespace EdgeDevices.Hardware.Emulation.Tests.Parts;

/// <summary>
/// The emulated SDS011 against the Nova Fitness control protocol's worked examples
/// (tests/reference-data/sds011/commands.csv): it must answer the documented commands with the documented replies.
/// </summary>
public sealed class Sds011SensorTests
{
    // The protocol document's examples address a sensor whose id is written A1 60 on the wire.
    private const int DocumentSensor = 0x60A1;

    private static readonly IReadOnlyList<IReadOnlyDictionary<string, string>> Vectors = ReferenceCsv.Read("sds011/commands.csv");

    [Theory]
    [InlineData("set_reporting_mode_query_A160", "reply_set_reporting_mode_query_A160")]
    [InlineData("set_sleep_A160", "reply_set_sleep_A160")]
    [InlineData("set_work_A160", "reply_set_work_A160")]
    [InlineData("query_sleep_work_A160", "reply_state_is_work_A160")]
    [InlineData("set_working_period_1min_A160", "reply_set_working_period_1min_A160")]
    [InlineData("set_working_period_continuous_A160", "reply_set_working_period_continuous_A160")]
    [InlineData("query_firmware_A160", "reply_firmware_15_07_10_A160")]
    [InlineData("query_reporting_mode_all", "reply_reporting_mode_is_active_A160")]
    public void Answers_each_documented_command_with_the_documented_reply(string command, string reply)
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        var sensor = new Sds011Sensor(bench.Board, 16, 17, DocumentSensor);
        var port = Open(bench);
        port.DiscardInBuffer();
        port.Write(Hex(command), 0, Sds011Command.Size);

        var answer = new byte[Sds011Command.ReplySize];
        Assert.Equal(answer.Length, port.Read(answer, 0, answer.Length, 0));
        Assert.Equal(Row(reply)["hex"], Convert.ToHexString(answer).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + " " + b));
        Assert.Equal(1, sensor.CommandsAccepted);
    }

    [Fact]
    public void Asleep_it_sends_nothing_and_its_laser_stops_counting_hours()
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        var sensor = new Sds011Sensor(bench.Board, 16, 17) { Pm25 = 12.3, Pm10 = 20.1 };
        var port = Open(bench);
        bench.Run(5_500);
        Assert.InRange(Measurements(port, out var last), 4, 6);
        Assert.Equal(123, last!.Pm25Tenths);
        Assert.Equal(201, last.Pm10Tenths);

        port.Write(Hex("set_sleep_all"), 0, Sds011Command.Size);
        Assert.True(sensor.IsSleeping);
        var hoursAtSleep = sensor.LaserHours;
        bench.Run(3_600_000);
        Assert.Equal(0, Measurements(port, out _));
        Assert.False(sensor.IsRunning);
        Assert.Equal(hoursAtSleep, sensor.LaserHours);

        // Asleep, it answers only sleep/work: a query for data goes unanswered.
        port.Write(Hex("query_data_all"), 0, Sds011Command.Size);
        Assert.Equal(0, port.BytesToRead);
        Assert.Equal(1, sensor.CommandsIgnored);

        port.Write(Hex("set_work_all"), 0, Sds011Command.Size);
        bench.Run(3_600_000);
        Assert.Equal(1.0 + hoursAtSleep, sensor.LaserHours, 3);
    }

    [Fact]
    public void In_query_mode_it_sends_one_frame_per_query_and_ignores_commands_for_another_sensor_or_with_a_bad_checksum()
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        var sensor = new Sds011Sensor(bench.Board, 16, 17, DocumentSensor);
        var port = Open(bench);
        port.Write(Hex("set_reporting_mode_query_all"), 0, Sds011Command.Size);
        bench.Run(5_000);
        port.DiscardInBuffer();
        bench.Run(5_000);
        Assert.Equal(0, Measurements(port, out _));

        port.Write(Hex("query_data_A160"), 0, Sds011Command.Size);
        Assert.Equal(1, Measurements(port, out var frame));
        Assert.Equal(DocumentSensor, frame!.DeviceId);

        var other = new byte[Sds011Command.Size];
        Sds011Command.Query(0x1234, other, 0);
        port.Write(other, 0, other.Length);
        var damaged = Hex("query_data_all");
        damaged[17] ^= 1;
        port.Write(damaged, 0, damaged.Length);
        Assert.Equal(0, port.BytesToRead);
        Assert.Equal(2, sensor.CommandsIgnored);
    }

    [Fact]
    public void A_working_period_runs_the_laser_thirty_seconds_a_period_and_survives_a_power_cycle()
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        var sensor = new Sds011Sensor(bench.Board, 16, 17);
        var port = Open(bench);
        port.Write(Hex("set_working_period_5min_all"), 0, Sds011Command.Size);
        port.DiscardInBuffer();
        var before = sensor.LaserHours;
        bench.Run(60 * 60_000);

        // Twelve periods of 5 minutes: one frame and 30 s of laser each.
        Assert.InRange(Measurements(port, out _), 11, 13);
        Assert.Equal(12 * 30 / 3600.0, sensor.LaserHours - before, 2);

        bench.Board.CutPower();
        bench.Board.PowerOn();
        Assert.Equal(5, sensor.WorkingPeriodMinutes);
    }

    private static IReadOnlyDictionary<string, string> Row(string name) => Vectors.Single(r => r["name"] == name);

    private static byte[] Hex(string name) => Convert.FromHexString(Row(name)["hex"].Replace(" ", string.Empty, StringComparison.Ordinal));

    private static UartPort Open(Bench bench)
    {
        bench.Board.PinFunctions.Set(16, "COM2_RX");
        bench.Board.PinFunctions.Set(17, "COM2_TX");
        return bench.Board.Uarts.Open(bench.Board.Life, "COM2", 9600);
    }

    private static int Measurements(UartPort port, out Sds011Frame? last)
    {
        var parser = new Sds011Parser();
        var buffer = new byte[port.BytesToRead];
        var n = buffer.Length == 0 ? 0 : port.Read(buffer, 0, buffer.Length, 0);
        var frames = 0;
        for (var i = 0; i < n; i++)
        {
            frames += parser.Push(buffer[i]) ? 1 : 0;
        }

        last = frames > 0 ? parser.Frame : null;
        return frames;
    }
}
