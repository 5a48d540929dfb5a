using System.CommandLine;

namespace EdgeDevices.Ctl;

/// <summary>What every command shares: the global options, where output goes, and the error handling that ends each run.</summary>
internal sealed class Context(TextWriter output, TextWriter error, bool terminal)
{
    public Option<string> Gateway { get; } = new("--gateway")
    {
        Description = "The gateway's address (default: $EDGECTL_GATEWAY, else http://127.0.0.1:8080)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("EDGECTL_GATEWAY") ?? "http://127.0.0.1:8080",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "The gateway's access token (default: $EDGECTL_TOKEN)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("EDGECTL_TOKEN"),
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the result as JSON (for scripts)", Recursive = true };

    /// <summary>Runs <paramref name="action"/> with the output and a gateway client; a <see cref="CtlException"/> becomes its message, what to do next and its exit code.</summary>
    public async Task<int> RunAsync(ParseResult result, Func<Output, GatewayClient, Task<int>> action)
    {
        var out2 = new Output(output, error, result.GetValue(Json), terminal);
        try
        {
            using var gateway = new GatewayClient(result.GetValue(Gateway)!, result.GetValue(Token));
            return await action(out2, gateway).ConfigureAwait(false);
        }
        catch (CtlException ex)
        {
            out2.Failure(ex.Message, ex.Next);
            return ex.ExitCode;
        }
        catch (IOException ex)
        {
            out2.Failure(ex.Message, "check the path and its permissions");
            return 1;
        }
    }
}
