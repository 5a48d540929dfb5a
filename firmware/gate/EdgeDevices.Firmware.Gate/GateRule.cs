namespace EdgeDevices.Firmware.Gate;

/// <summary>The checks the gate makes; the id prefixes every finding so it can be searched for.</summary>
public static class GateRule
{
    /// <summary>The firmware does not compile on the host.</summary>
    public const string CompileError = "NF0000";

    /// <summary>A symbol that is not in the nanoFramework API surface of the project's packages.</summary>
    public const string MissingApi = "NF0001";

    /// <summary>A generic type or method, declared or used (the stable runtime has no generics).</summary>
    public const string Generic = "NF0002";

    /// <summary>async / await (no Task on the device).</summary>
    public const string Async = "NF0003";

    /// <summary>yield iterators (they need IEnumerable&lt;T&gt;).</summary>
    public const string Yield = "NF0004";

    /// <summary>LINQ (no System.Linq on the device).</summary>
    public const string Linq = "NF0005";

    /// <summary>Tuples (ValueTuple is generic and absent).</summary>
    public const string Tuple = "NF0006";

    /// <summary>Records (their equality needs EqualityComparer&lt;T&gt;).</summary>
    public const string Record = "NF0007";

    /// <summary>foreach over a string (String.GetEnumerator throws on the device).</summary>
    public const string ForEachString = "NF0008";

    /// <summary>dynamic.</summary>
    public const string Dynamic = "NF0009";

    /// <summary>Static mutable state (thousands of emulated devices share one process).</summary>
    public const string StaticState = "NF0010";

    /// <summary>A numeric format the device does not support (only D, F, G, N, X).</summary>
    public const string FormatSpecifier = "NF0011";

    /// <summary>An enum turned into text (prints the number on the device).</summary>
    public const string EnumToString = "NF0012";

    /// <summary>A language feature the device cannot run (unsafe code, pointers, stackalloc, multi-dimensional arrays, required members).</summary>
    public const string Unsupported = "NF0013";

    /// <summary>The .nfproj, packages.config and sources disagree.</summary>
    public const string Project = "NF0014";

    /// <summary>The firmware does not compile against the device's own mscorlib.dll (nanoFramework.CoreLibrary).</summary>
    public const string CoreLibrary = "NF0015";
}
