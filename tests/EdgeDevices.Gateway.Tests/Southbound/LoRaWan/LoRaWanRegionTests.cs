using System.Globalization;
using System.Text;
using EdgeDevices.Firmware.LoRaWan;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Southbound.LoRaWan;
using EdgeDevices.Gateway.Tests.References;

namespace EdgeDevices.Gateway.Tests.Southbound.LoRaWan;

/// <summary>Downlink room by region and data rate, against ChirpStack's own tables (lrwn, RP002-1.0.5).</summary>
public sealed class LoRaWanRegionTests
{
    [Fact]
    public void The_room_of_every_region_and_data_rate_is_chirpstacks()
    {
        var rows = ReferenceCsv.Read("chirpstack/lorawan-max-dl-payload.csv");
        Assert.True(rows.Count > 40);
        foreach (var row in rows)
        {
            var dwell = row["dwell_time"] == "400ms";
            var dataRate = int.Parse(row["dr"], CultureInfo.InvariantCulture);
            Assert.True(
                int.Parse(row["max_app_payload_n"], CultureInfo.InvariantCulture) == LoRaWanRegions.MaxDownlinkPayload(row["region"], dataRate, dwell),
                $"{row["region"]} {row["dwell_time"]} DR{dataRate}");
        }

        Assert.Equal(LoRaWanRegions.Names.Order(), rows.Select(r => r["region"]).Distinct().Order());
    }

    [Theory]
    [InlineData("IN865", null, false, 51)]
    [InlineData("IN865", 0, false, 51)]
    [InlineData("IN865", 3, false, 115)]
    [InlineData("IN865", 5, false, 242)]
    [InlineData("EU868", 4, false, 222)]
    [InlineData("RU864", 5, false, 242)]
    [InlineData("AS923", 2, false, 115)]
    [InlineData("AS923", 0, true, 11)] // the dwell time forbids DR0/1: RX1 goes at DR2
    [InlineData("AS923", null, true, 11)]
    [InlineData("IN865", 6, false, 242)]
    [InlineData("IN865", 9, false, 51)] // a rate the region does not define: its slowest usable rate
    public void A_device_gets_the_room_of_its_region_at_the_rate_it_was_heard_at(string region, int? dataRate, bool dwell, int room) =>
        Assert.Equal(room, LoRaWanRegions.DownlinkRoom(region, dataRate, dwell));

    [Fact]
    public void A_schedule_goes_in_fewer_larger_fragments_at_a_fast_rate_and_puts_itself_together()
    {
        var command = new DeviceCommand { CommandId = 9, Kind = CommandKind.SetSchedule, Document = new string('x', 700) };
        var json = Encoding.UTF8.GetBytes(EdgeDevices.Firmware.Codec.JsonForm.JsonCodec.Encode(command));
        foreach (var (dataRate, room) in new[] { (0, 51), (3, 115), (5, 242) })
        {
            var parts = LoRaWanDownlinks.Frames(command, json, LoRaWanRegions.DownlinkRoom("IN865", dataRate)).ToList();
            Assert.Equal(Fragments.Count(json.Length, room), parts.Count);
            Assert.All(parts, p => Assert.True(p.Data.Length <= room, $"DR{dataRate}: {p.Data.Length} > {room}"));
            var assembler = new FragmentAssembler();
            byte[]? whole = null;
            foreach (var part in parts)
            {
                whole = assembler.Add(part.Data, 0, part.Data.Length);
            }

            Assert.Equal(json, whole);
        }
    }
}
