namespace EdgeDevices.Gateway.Configuration;

public sealed class PrivacyOptions
{
    /// <summary>Device ids starting with one of these are households (personal data): pseudonymised outside the gateway.</summary>
    /// <remarks>An array, so a configured list replaces the default instead of adding to it.</remarks>
    public string[] PersonalDevicePrefixes { get; set; } = [];
}
