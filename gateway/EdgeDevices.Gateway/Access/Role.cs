namespace EdgeDevices.Gateway.Access;

/// <summary>What a request may do.</summary>
public enum Permission
{
    /// <summary>Read anything (the dashboard, reports, exports).</summary>
    Read,

    /// <summary>Run the street: lamp types, groups, programs, calendars, overrides, alarms, sink retries.</summary>
    Operate,

    /// <summary>Devices: register, place, rotate credentials, remove.</summary>
    Provision,

    /// <summary>Accounts and tokens, bundles and rollouts, the audit log.</summary>
    Administer,
}

/// <summary>The roles a city gives its people, and what each may do.</summary>
public static class Role
{
    /// <summary>Reads only.</summary>
    public const string Viewer = "viewer";

    /// <summary>Runs the lamps, overrides and alarms.</summary>
    public const string Operator = "operator";

    /// <summary>Provisions devices (and may do what an operator does, to install and try lamps).</summary>
    public const string Technician = "technician";

    /// <summary>Everything, including accounts, keys and rollouts.</summary>
    public const string Administrator = "administrator";

    /// <summary>Every role, least first.</summary>
    public static readonly IReadOnlyList<string> All = [Viewer, Operator, Technician, Administrator];

    /// <summary>Whether <paramref name="role"/> may do what <paramref name="permission"/> allows.</summary>
    public static bool Grants(string role, Permission permission) => role switch
    {
        Administrator => true,
        Operator => permission is Permission.Read or Permission.Operate,
        // Installing a street light means setting its lamp type and group and trying it with an override
        // (the technician's guide), so a technician also runs the street; an operator provisions nothing.
        Technician => permission is Permission.Read or Permission.Provision or Permission.Operate,
        Viewer => permission is Permission.Read,
        _ => false,
    };
}
