using System.Diagnostics;

namespace EdgeDevices.Bench;

/// <summary>Samples a process's resident memory (and this process's managed heap) every 50 ms and keeps the peaks.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakResident;
    private long _peakManaged;

    /// <summary>Samples <paramref name="process"/> (this one when null).</summary>
    public MemorySampler(Process? process = null)
    {
        var target = process ?? Process.GetCurrentProcess();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Sample(target);
                await Task.Delay(50).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        });
    }

    /// <summary>Highest resident set seen, bytes.</summary>
    public long PeakResident => Interlocked.Read(ref _peakResident);

    /// <summary>Highest managed heap of this process seen, bytes.</summary>
    public long PeakManaged => Interlocked.Read(ref _peakManaged);

    /// <summary>Resident set of <paramref name="process"/> now, bytes.</summary>
    public static long Resident(Process process)
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private void Sample(Process target)
    {
        var resident = Resident(target);
        var managed = GC.GetTotalMemory(false);
        if (resident > Interlocked.Read(ref _peakResident))
        {
            Interlocked.Exchange(ref _peakResident, resident);
        }

        if (managed > Interlocked.Read(ref _peakManaged))
        {
            Interlocked.Exchange(ref _peakManaged, managed);
        }
    }
}
