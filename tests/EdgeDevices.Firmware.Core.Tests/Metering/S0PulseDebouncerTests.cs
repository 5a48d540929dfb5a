using EdgeDevices.Firmware.Metering;

namespace EdgeDevices.Firmware.Core.Tests.Metering;

public sealed class S0PulseDebouncerTests
{
    [Fact]
    public void Five_Thousand_Bouncy_Pulses_Count_Exactly_Five_Thousand()
    {
        var random = new Random(43864);
        var debouncer = new S0PulseDebouncer(filterMs: 20, activeLow: true);
        var counted = 0;
        long t = 1000;
        for (var pulse = 0; pulse < 5000; pulse++)
        {
            // Falling edge (conducting) with up to 6 ms of contact bounce.
            counted += Bounce(debouncer, random, ref t, settleTo: false);
            var width = random.Next(30, 120); // S0: at least 30 ms
            if (random.Next(4) == 0)
            {
                // A chattering contact in the middle of the pulse.
                t += width / 2;
                counted += debouncer.OnEdge(t, true);
                t += random.Next(1, 8);
                counted += debouncer.OnEdge(t, false);
                t += width / 2;
            }
            else
            {
                t += width;
            }

            counted += Bounce(debouncer, random, ref t, settleTo: true);
            t += random.Next(30, 400); // pause between pulses

            if (random.Next(3) == 0)
            {
                counted += debouncer.Poll(t);
            }
        }

        counted += debouncer.Poll(t + 1000);

        Assert.Equal(5000, counted);
        Assert.Equal(5000, debouncer.Pulses);
        Assert.True(debouncer.GlitchesIgnored > 5000, "the bounce was real");
    }

    [Fact]
    public void Noise_Spikes_Shorter_Than_The_Filter_Never_Count()
    {
        var debouncer = new S0PulseDebouncer(20, activeLow: true);
        long t = 0;
        var counted = 0;
        for (var i = 0; i < 1000; i++)
        {
            counted += debouncer.OnEdge(t += 100, false);
            counted += debouncer.OnEdge(t += 15, true); // a 15 ms spike
        }

        counted += debouncer.Poll(t + 1000);

        Assert.Equal(0, counted);
    }

    [Fact]
    public void A_Pulse_Counts_When_It_Has_Held_For_The_Filter_Time()
    {
        var debouncer = new S0PulseDebouncer(20, activeLow: false);

        Assert.Equal(0, debouncer.OnEdge(100, true));
        Assert.Equal(0, debouncer.Poll(119));
        Assert.Equal(1, debouncer.Poll(120));
        Assert.Equal(0, debouncer.Poll(500)); // once
        Assert.Equal(0, debouncer.OnEdge(600, false));
        Assert.Equal(0, debouncer.OnEdge(700, true)); // released for 100 ms, the next pulse starts
        Assert.Equal(1, debouncer.Poll(720));
    }

    [Fact]
    public void A_Minimum_Length_Pulse_With_A_Dropout_In_The_Middle_Counts_Once()
    {
        var debouncer = new S0PulseDebouncer(20, activeLow: false);

        debouncer.OnEdge(0, true);
        debouncer.OnEdge(15, false); // 5 ms dropout in a 30 ms pulse
        debouncer.OnEdge(20, true);
        var counted = debouncer.OnEdge(35, false) + debouncer.Poll(200);

        Assert.Equal(1, counted);
    }

    // Toggles quickly for a few milliseconds and ends on settleTo; returns pulses counted meanwhile.
    private static int Bounce(S0PulseDebouncer debouncer, Random random, ref long t, bool settleTo)
    {
        var counted = 0;
        var toggles = random.Next(0, 6) * 2 + 1;
        var level = settleTo;
        for (var i = 0; i < toggles; i++)
        {
            counted += debouncer.OnEdge(t, (toggles - i) % 2 == 1 ? settleTo : !settleTo);
            t += random.Next(0, 2);
            level = !level;
        }

        return counted;
    }
}
