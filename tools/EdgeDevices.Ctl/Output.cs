using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace EdgeDevices.Ctl;

/// <summary>
/// Where edgectl writes: tables and colour on a terminal, plain aligned text when piped, and JSON with
/// <c>--json</c> (for scripts). Errors go to standard error with what to do next. Nothing edgectl writes is
/// taken as Spectre markup unless it is edgectl's own: step labels like "[1/4] …", device ids, nanoff's
/// output and gateway answers are escaped, because a '[' in them stops Spectre on a real terminal.
/// </summary>
public sealed class Output
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly IAnsiConsole _console;
    private readonly TextWriter _error;

    public Output(TextWriter output, TextWriter error, bool json, bool terminal)
    {
        Json = json;
        Terminal = terminal && !json;
        Writer = output;
        _error = error;
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = Terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!Terminal)
        {
            _console.Profile.Width = 200;
        }
    }

    /// <summary>Whether the caller asked for JSON.</summary>
    public bool Json { get; }

    /// <summary>Whether output goes to a person at a terminal.</summary>
    public bool Terminal { get; }

    /// <summary>The raw output.</summary>
    public TextWriter Writer { get; }

    /// <summary>A line of text (ignored in JSON mode, where only the result is printed).</summary>
    public void Line(string text)
    {
        if (!Json)
        {
            _console.WriteLine(text);
        }
    }

    /// <summary>The command's result: <paramref name="json"/> in JSON mode, else a table of <paramref name="rows"/>.</summary>
    public void Result(JsonNode json, string[] columns, IEnumerable<string[]> rows)
    {
        if (Json)
        {
            Writer.WriteLine(json.ToJsonString(Indented));
            return;
        }

        if (Terminal)
        {
            var table = new Table().AddColumns(columns.Select(Markup.Escape).ToArray());
            foreach (var row in rows)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }

            _console.Write(table);
            return;
        }

        // Plain: tab-separated, a header first, easy to cut and grep.
        Writer.WriteLine(string.Join('\t', columns));
        foreach (var row in rows)
        {
            Writer.WriteLine(string.Join('\t', row));
        }
    }

    /// <summary>A step of a longer job (a spinner on a terminal, a line otherwise).</summary>
    public async Task<T> StepAsync<T>(string what, Func<Task<T>> work)
    {
        if (!Terminal)
        {
            Line(what + " …");
            return await work().ConfigureAwait(false);
        }

        return await _console.Status().StartAsync(Markup.Escape(what), _ => work()).ConfigureAwait(false);
    }

    /// <summary>
    /// A line of progress as it happens (a tool's output while it works): on standard output for a person or a
    /// pipe, on standard error with <c>--json</c>, so the result stays the only thing on standard output.
    /// </summary>
    public void Progress(string text)
    {
        if (Json)
        {
            _error.WriteLine(text);
            _error.Flush();
            return;
        }

        _console.WriteLine(text);
        Writer.Flush();
    }

    /// <summary>A failure and what to do next, on standard error.</summary>
    public void Failure(string message, string next)
    {
        if (Json)
        {
            _error.WriteLine(new JsonObject { ["error"] = message, ["next"] = next }.ToJsonString());
            return;
        }

        _error.WriteLine("edgectl: " + message);
        _error.WriteLine("  next: " + next);
    }
}
