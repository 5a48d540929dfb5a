using EdgeDevices.Firmware.Device.Network;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Firmware.Device.Tests.Network;

/// <summary>The LoRaWAN uplink's proof of delivery on its own: when a frame goes confirmed, what an acknowledgement frees, what its absence costs.</summary>
public sealed class DeliveryVerifierTests
{
    [Fact]
    public void Every_eighth_frame_goes_confirmed_and_its_acknowledgement_frees_everything_carried_before()
    {
        var (outbox, ids) = OutboxWith(8);
        var verifier = new DeliveryVerifier(outbox);
        for (var i = 0; i < 7; i++)
        {
            Assert.False(verifier.NeedsConfirmation(now: 0), $"frame {i + 1}");
            verifier.Carried(ids[i]);
            verifier.SentUnconfirmed();
        }

        Assert.True(verifier.NeedsConfirmation(now: 0));
        Assert.Equal(8, outbox.Count);
        verifier.Carried(ids[7]);
        verifier.Acknowledged(now: 1000);
        Assert.Equal(0, outbox.Count);
        Assert.Equal(0, verifier.Unproved);
        Assert.False(verifier.NeedsConfirmation(now: 1000));
    }

    [Fact]
    public void Records_unproved_for_half_an_hour_make_the_next_frame_confirmed()
    {
        var (outbox, ids) = OutboxWith(1);
        var verifier = new DeliveryVerifier(outbox);
        verifier.Acknowledged(now: 0);
        Assert.False(verifier.NeedsConfirmation(now: DeliveryVerifier.VerifyIntervalMs));
        verifier.Carried(ids[0]);
        verifier.SentUnconfirmed();
        Assert.False(verifier.NeedsConfirmation(now: DeliveryVerifier.VerifyIntervalMs - 1));
        Assert.True(verifier.NeedsConfirmation(now: DeliveryVerifier.VerifyIntervalMs));
    }

    [Fact]
    public void No_acknowledgement_keeps_everything_pauses_doubling_and_rejoins_after_four()
    {
        var (outbox, ids) = OutboxWith(3);
        var verifier = new DeliveryVerifier(outbox);
        foreach (var id in ids)
        {
            verifier.Carried(id);
        }

        Assert.Equal(60_000, verifier.NotAcknowledged());
        Assert.Equal(3, outbox.Count);
        Assert.Equal(0, verifier.Unproved);
        Assert.True(verifier.NeedsConfirmation(now: 0), "the next frame proves the resend");
        Assert.Equal(120_000, verifier.NotAcknowledged());
        Assert.Equal(240_000, verifier.NotAcknowledged());
        Assert.Equal(DeliveryVerifier.Rejoin, verifier.NotAcknowledged());
        Assert.Equal(60_000, verifier.NotAcknowledged());

        // An acknowledgement ends the run of failures.
        verifier.Acknowledged(now: 0);
        Assert.Equal(60_000, verifier.NotAcknowledged());
    }

    [Fact]
    public void A_lost_session_sends_the_unproved_records_again_confirmed()
    {
        var (outbox, ids) = OutboxWith(2);
        var verifier = new DeliveryVerifier(outbox);
        verifier.Carried(ids[0]);
        verifier.Carried(ids[1]);
        verifier.Rewind();
        Assert.Equal(0, verifier.Unproved);
        Assert.Equal(2, outbox.Count);
        Assert.True(verifier.NeedsConfirmation(now: 0));
        verifier.Acknowledged(now: 0);
        Assert.Equal(2, outbox.Count);
    }

    private static (Outbox Outbox, uint[] Ids) OutboxWith(int records)
    {
        const int slotSize = Outbox.SlotOverhead + 16;
        var outbox = new Outbox(new MemoryRegion(Outbox.SlotsStart + (16 * slotSize)), slotSize);
        var ids = Enumerable.Range(0, records).Select(i => outbox.Enqueue([1, 2, (byte)i], 0, 3)).ToArray();
        return (outbox, ids);
    }
}
