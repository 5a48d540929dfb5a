namespace EdgeDevices.Gateway.Access;

/// <summary>The access part of the gateway's composition.</summary>
public static class AccessServices
{
    /// <summary>Adds the operator accounts and the audit log.</summary>
    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddSingleton<AccountStore>();
        services.AddSingleton<AuditLog>();
        return services;
    }
}
