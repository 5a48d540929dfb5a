using EdgeDevices.Gateway.Configuration;

namespace EdgeDevices.Gateway.Api;

/// <summary>The REST API's part of the gateway's composition.</summary>
public static class ApiServices
{
    /// <summary>Adds the OpenAPI document, HTTP hardening, dashboard sessions and JSON with enum names.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services, HttpOptions http)
    {
        services.AddOpenApi();
        HttpHardening.AddServices(services, http);
        services.AddSingleton<DashboardSessions>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        return services;
    }
}
