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
        Description = "An API token of your account, or the gateway's access token (default: $EDGECTL_TOKEN)",
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
            using var gateway = new GatewayClient(GatewayUrl(result.GetValue(Gateway)!), result.GetValue(Token));
            return await action(out2, gateway).ConfigureAwait(false);
        }
        catch (CtlException ex)
        {
            out2.Failure(ex.Message, ex.Next);
            return ex.ExitCode;
        }
        catch (FileNotFoundException ex)
        {
            out2.Failure($"no file {ex.FileName}", "check the path (relative paths start where edgectl runs) and run the command again");
            return 1;
        }
        catch (DirectoryNotFoundException ex)
        {
            // .NET names the path in quotes: "Could not find a part of the path '/x/y'."
            var quoted = ex.Message.Split('\'');
            out2.Failure(quoted.Length >= 3 ? $"no file {quoted[1]} (its folder does not exist)" : ex.Message, "check the path (relative paths start where edgectl runs) and run the command again");
            return 1;
        }
        catch (UnauthorizedAccessException ex)
        {
            out2.Failure(ex.Message, "check the file's owner and permissions (ls -l), or run as the user that owns it");
            return 1;
        }
        catch (IOException ex)
        {
            out2.Failure(ex.Message, "check the path, its permissions and the free space, then run the command again");
            return 1;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            out2.Failure($"unexpected failure: {ex.GetType().Name}: {ex.Message}", "run it again; if it fails the same way, report it with the command line and this message");
            return 70;
        }
    }

    // An address without a scheme (192.168.1.10:8080) would be taken for something else by Uri.
    private static string GatewayUrl(string text)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0)
        {
            return text;
        }

        throw new CtlException($"--gateway '{text}' is not an http:// or https:// address",
            $"write it with its scheme, e.g. --gateway http://{text.Split("://").Last().TrimEnd('/')} (or set EDGECTL_GATEWAY)", 2);
    }
}
