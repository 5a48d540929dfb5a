using Microsoft.CodeAnalysis;

namespace EdgeDevices.Firmware.Gate;

/// <summary>Collects findings, one per rule, place and symbol.</summary>
internal sealed class ViolationSink
{
    private readonly List<GateViolation> _violations = [];
    private readonly HashSet<(string Rule, string File, int Line, string Symbol)> _seen = [];

    public IReadOnlyList<GateViolation> Violations => _violations;

    public void Add(string rule, Location location, string symbol, string message)
    {
        var span = location.GetLineSpan();
        Add(rule, span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, symbol, message);
    }

    public void Add(string rule, SyntaxNode node, string symbol, string message) => Add(rule, node.GetLocation(), symbol, message);

    public void Add(string rule, string file, int line, int column, string symbol, string message)
    {
        if (_seen.Add((rule, file, line, symbol)))
        {
            _violations.Add(new GateViolation(rule, file, line, column, symbol, message));
        }
    }

    public List<GateViolation> Sorted() =>
        _violations.OrderBy(v => v.File, StringComparer.Ordinal).ThenBy(v => v.Line).ThenBy(v => v.Column).ThenBy(v => v.Rule, StringComparer.Ordinal).ToList();
}
