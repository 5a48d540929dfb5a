namespace EdgeDevices.Bench;

/// <summary>One measured figure beside its reference from the same run.</summary>
public sealed record Figure(string Benchmark, string Measure, double Value, string Unit, string Reference, double ReferenceValue)
{
    /// <summary>Value ÷ reference.</summary>
    public double Ratio => ReferenceValue == 0 ? double.NaN : Value / ReferenceValue;
}
