namespace EdgeDevices.Gateway.Configuration;

public sealed class NgsiLdSinkOptions
{
    public bool Enabled { get; set; }

    /// <summary>The context broker's base URL (…/ngsi-ld/v1/ is appended).</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>NGSI-LD tenant, if the broker is multi-tenant.</summary>
    public string? Tenant { get; set; }

    /// <summary>
    /// The @contexts each entity names: the NGSI-LD core context and each Smart Data Models subject's own, so
    /// every attribute expands to the model's term. By default the models' contexts at the commits the tests
    /// check against (an address that never changes under the broker's cache); point them at copies the
    /// platform serves when its broker cannot reach GitHub.
    /// </summary>
    public NgsiLdContextOptions Contexts { get; set; } = new();

    /// <summary>No longer used (each entity names its own model's context, see <see cref="Contexts"/>); accepted so an older configuration still starts, with a warning.</summary>
    public string? ContextUrl { get; set; }

    public int BatchSize { get; set; } = 100;
}
