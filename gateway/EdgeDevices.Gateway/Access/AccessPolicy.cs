namespace EdgeDevices.Gateway.Access;

/// <summary>
/// The permission each endpoint asks for, in one table so it can be read and tested as a whole: reading is
/// <see cref="Permission.Read"/> (except the audit log and the accounts); a change asks for the permission of
/// the resource it changes. Null: open to anyone (health, metrics, the login page and the dashboard's files).
/// </summary>
public static class AccessPolicy
{
    /// <summary>What <paramref name="method"/> on <paramref name="path"/> asks for; null when open.</summary>
    public static Permission? Required(string method, PathString path)
    {
        if (path.StartsWithSegments("/healthz") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/login")
            || path.StartsWithSegments("/logout") || path.StartsWithSegments("/assets"))
        {
            return null;
        }

        if (path.StartsWithSegments("/api/accounts") || path.StartsWithSegments("/api/tokens") || path.StartsWithSegments("/api/audit"))
        {
            return Permission.Administer;
        }

        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
        {
            return Permission.Read;
        }

        if (path.StartsWithSegments("/api/devices"))
        {
            return Permission.Provision;
        }

        if (path.StartsWithSegments("/api/updates") || path.StartsWithSegments("/api/rollouts"))
        {
            return Permission.Administer;
        }

        // The lighting model, overrides, alarms, sink retries: the street's daily running.
        return Permission.Operate;
    }
}
