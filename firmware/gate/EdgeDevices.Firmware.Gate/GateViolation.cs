namespace EdgeDevices.Firmware.Gate;

/// <summary>One finding: where, which rule, what symbol, and a sentence saying what to do.</summary>
public sealed record GateViolation(string Rule, string File, int Line, int Column, string Symbol, string Message)
{
    /// <summary>compiler-style line: file(line,col): RULE: message [symbol]</summary>
    public override string ToString() =>
        Symbol.Length == 0
            ? $"{File}({Line},{Column}): {Rule}: {Message}"
            : $"{File}({Line},{Column}): {Rule}: {Message} [{Symbol}]";
}
