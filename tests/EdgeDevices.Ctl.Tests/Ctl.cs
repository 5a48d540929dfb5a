using EdgeDevices.Ctl;

namespace EdgeDevices.Ctl.Tests;

/// <summary>One run of edgectl in the test process, as a script would see it (not a terminal): exit code, output, errors.</summary>
internal sealed record CtlRun(int ExitCode, string Output, string Error)
{
    public static async Task<CtlRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await EdgeCtl.RunAsync(args, output, error, terminal: false);
        return new CtlRun(code, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- output ---\n{Output}\n--- error ---\n{Error}";
}
