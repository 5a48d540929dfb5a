namespace EdgeDevices.Testing;

/// <summary>
/// Exceptions of tasks nobody awaited (a fire-and-forget send that threw, a loop's task dropped), as the runtime
/// reports them when it collects the task. They fail no test on their own, so a harness asks for those thrown
/// from code under test after a test is done.
/// </summary>
public static class UnobservedTaskExceptions
{
    private static readonly List<Exception> Seen = [];

    static UnobservedTaskExceptions() => TaskScheduler.UnobservedTaskException += (_, e) =>
    {
        lock (Seen)
        {
            Seen.AddRange(e.Exception.InnerExceptions);
        }
    };

    /// <summary>Starts listening (once per process; call it before the code under test runs).</summary>
    public static void Watch()
    {
        // The static constructor subscribes.
    }

    /// <summary>
    /// Collects garbage so dropped tasks report, then returns (and forgets) the unobserved exceptions whose stack
    /// passes through code in <paramref name="namespacePrefix"/> other than tests (tests in one process run side
    /// by side, so another test's may be among them; the frames say whose code threw).
    /// </summary>
    public static IReadOnlyList<Exception> TakeFrom(string namespacePrefix)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        lock (Seen)
        {
            var ours = Seen.Where(e => e.ToString().Split('\n').Any(frame => frame.Contains("at " + namespacePrefix, StringComparison.Ordinal) && !frame.Contains(".Tests.", StringComparison.Ordinal))).ToList();
            Seen.RemoveAll(ours.Contains);
            return ours;
        }
    }
}
