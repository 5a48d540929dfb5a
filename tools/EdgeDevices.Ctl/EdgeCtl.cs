using System.CommandLine;
using EdgeDevices.Ctl.Commands;

namespace EdgeDevices.Ctl;

/// <summary>The edgectl command line; <see cref="RunAsync"/> is what the program runs (and what the tests call).</summary>
public static class EdgeCtl
{
    /// <summary>Runs edgectl with <paramref name="args"/>, writing to <paramref name="output"/> and <paramref name="error"/>; returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool terminal)
    {
        var parsed = Root(new Context(output, error, terminal)).Parse(args);
        if (parsed.Errors.Count > 0 && !args.Contains("--help") && !args.Contains("-h"))
        {
            // A typo or a missing option ends like every other failure: what is wrong, then what to do.
            foreach (var problem in parsed.Errors)
            {
                error.WriteLine("edgectl: " + problem.Message);
            }

            var command = string.Join(' ', parsed.CommandResult.Command.Parents.OfType<Command>().Reverse().Skip(1).Select(c => c.Name).Append(parsed.CommandResult.Command.Name).Where(n => n != "edgectl"));
            error.WriteLine($"  next: see what it takes with: edgectl {(command.Length == 0 ? string.Empty : command + " ")}--help");
            return Task.FromResult(2);
        }

        return parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    /// <summary>What is wrong with <paramref name="args"/> as an edgectl command line (nothing runs); empty when it would run.</summary>
    public static IReadOnlyList<string> Check(string[] args) =>
        [.. Root(new Context(TextWriter.Null, TextWriter.Null, false)).Parse(args).Errors.Select(e => e.Message)];

    private static RootCommand Root(Context context)
    {
        var root = new RootCommand("edgectl: provision, flash and verify EdgeDevices devices, and run the gateway from a shell")
        {
            context.Gateway,
            context.Token,
            context.Json,
            ProvisionCommand.Create(context),
            FlashCommand.Create(context),
            FlashCommand.Firmware(context),
            VerifyCommand.Create(context),
            GatewayCommands.Devices(context),
            GatewayCommands.Status(context),
            GatewayCommands.Lamps(context),
            GatewayCommands.LampTypes(context),
            GatewayCommands.Groups(context),
            GatewayCommands.Alarms(context),
            GatewayCommands.Export(context),
            BundleCommands.Create(context),
            RolloutCommands.Create(context),
        };
        return root;
    }
}
