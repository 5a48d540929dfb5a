namespace EdgeDevices.Gateway.Privacy;

/// <summary>The privacy part of the gateway's composition.</summary>
public static class PrivacyServices
{
    /// <summary>Adds the household pseudonyms.</summary>
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddSingleton<Pseudonyms>();
        return services;
    }
}
