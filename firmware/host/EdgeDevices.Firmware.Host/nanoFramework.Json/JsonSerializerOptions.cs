namespace nanoFramework.Json;

/// <summary>Stand-in for nanoFramework.Json's <c>JsonSerializerOptions</c>.</summary>
public sealed class JsonSerializerOptions
{
    /// <summary>Match property names ignoring case (slower on the device).</summary>
    public bool PropertyNameCaseInsensitive { get; set; }

    /// <summary>Throw when the JSON has a property the type lacks (otherwise it is skipped).</summary>
    public bool ThrowExceptionWhenPropertyNotFound { get; set; }
}
