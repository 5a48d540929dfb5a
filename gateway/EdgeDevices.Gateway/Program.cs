using System.CommandLine;
using EdgeDevices.Gateway;
using EdgeDevices.Gateway.Commands;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Storage;

// edgedevices-gateway                      run the service
// edgedevices-gateway config check         validate the configuration and say what is wrong
// edgedevices-gateway devices add|remove|list   manage device credentials in the state directory
var configFile = new Option<string?>("--config") { Description = "Settings file (default: /etc/edgedevices/gateway.json, or $EDGEDEVICES_CONFIG)", Recursive = true };
var set = new Option<string[]>("--set") { Description = "A setting as key=value (e.g. southbound:embedded:port=1884); repeatable", Recursive = true };

var root = new RootCommand("edgedevices-gateway: the EdgeDevices gateway service") { configFile, set };
root.SetAction(async (result, cancellationToken) =>
{
    if (!GatewayConfiguration.TryLoad(result.GetValue(configFile), result.GetValue(set) ?? [], out var options, out var configuration))
    {
        return 2;
    }

    // The buffer is opened (and migrated, when this gateway is newer than the file) before anything starts.
    try
    {
        _ = new BufferDatabase(GatewayHost.StateDirectory(options), options.Storage.Synchronous);
    }
    catch (BufferMigrationException ex)
    {
        Console.Error.WriteLine("edgedevices-gateway: " + ex.Message);
        return 3;
    }

    // A port held by another program is one line and exit code 4 (the unit does not restart on it).
    if (EdgeDevices.Gateway.Operations.ListenPorts.Taken(options) is { } taken)
    {
        Console.Error.WriteLine(taken);
        return EdgeDevices.Gateway.Operations.ListenPorts.InUseExitCode;
    }

    await using var app = GatewayHost.Build(options, configuration);
    try
    {
        await app.RunAsync(cancellationToken).ConfigureAwait(false);
    }
    catch (Exception ex) when (InUse(ex) is { } port)
    {
        // Taken between the check and the start.
        var setting = EdgeDevices.Gateway.Operations.ListenPorts.Of(options).FirstOrDefault(e => e.Port == port).Setting ?? "a listening port";
        Console.Error.WriteLine(EdgeDevices.Gateway.Operations.ListenPorts.InUse(port, setting));
        return EdgeDevices.Gateway.Operations.ListenPorts.InUseExitCode;
    }

    return 0;
});

var check = new Command("check", "Validate the configuration; exit 0 when it can run");
check.SetAction(result =>
{
    if (!GatewayConfiguration.TryLoad(result.GetValue(configFile), result.GetValue(set) ?? [], out var options, out _))
    {
        return 2;
    }

    Console.WriteLine($"configuration valid: {options.Southbound.Mode.ToString().ToLowerInvariant()} broker, state in {GatewayHost.StateDirectory(options)}");
    return 0;
});
root.Subcommands.Add(new Command("config", "Configuration") { check });

var deviceId = new Argument<string>("device-id") { Description = "The device id (as in its config.json)" };
var passwordFile = new Option<string>("--password-file") { Description = "File holding the device's MQTT password, or - for standard input", Required = true };
var commandKeyFile = new Option<string?>("--command-key-file") { Description = "File holding the device's command key (64 hex digits, as in its config.json), or - for standard input" };
var role = new Option<string?>("--role") { Description = "The device's role (streetlight, airquality or meter): a meter's id is personal data and leaves the gateway only as a pseudonym, from its first message on" };
role.AcceptOnlyFromAmong([.. DeviceSites.Roles]);
var add = new Command("add", "Register a device (or replace its password and command key)") { deviceId, passwordFile, commandKeyFile, role };
add.SetAction(result => Devices(result, (registry, id) =>
{
    var source = result.GetValue(passwordFile)!;
    var password = (source == "-" ? Console.In.ReadToEnd() : File.ReadAllText(source)).Trim();
    if (!TryReadCommandKey(result.GetValue(commandKeyFile), out var key))
    {
        return 2;
    }

    // The role first: the running gateway reads it when it sees the registration.
    RecordRole(result, registry, id!);
    registry.Register(id!, password);
    if (key != null)
    {
        new DeviceKeys(registry.Database).Set(id!, key);
    }

    Audit(registry, "PUT", "/api/devices/" + id);
    Console.WriteLine(key != null ? $"registered {id} with its command key" : $"registered {id} (no command key: it cannot be sent commands)");
    return 0;
}, deviceId));
var remove = new Command("remove", "Remove a device: it can no longer connect") { deviceId };
remove.SetAction(result => Devices(result, (registry, id) =>
{
    var removed = registry.Remove(id!) | new EdgeDevices.Gateway.Southbound.LoRaWan.LoRaWanDevices(registry.Database, TimeProvider.System).Remove(id!);
    if (removed)
    {
        Audit(registry, "DELETE", "/api/devices/" + id);
    }

    Console.WriteLine(removed ? $"removed {id}" : $"no device {id}");
    return removed ? 0 : 1;
}, deviceId));
var list = new Command("list", "List registered devices");
list.SetAction(result => Devices(result, (registry, _) =>
{
    foreach (var id in registry.List())
    {
        Console.WriteLine(id);
    }

    foreach (var (id, eui) in new EdgeDevices.Gateway.Southbound.LoRaWan.LoRaWanDevices(registry.Database, TimeProvider.System).List())
    {
        Console.WriteLine($"{id} (LoRaWAN {eui})");
    }

    return 0;
}, null));
var devEui = new Option<string>("--dev-eui") { Description = "The device's DevEUI (16 hex digits, as in its config.json and in ChirpStack)", Required = true };
var addLoRaWan = new Command("add-lorawan", "Register a LoRaWAN device: its DevEUI and (optionally) its command key and role") { deviceId, devEui, commandKeyFile, role };
addLoRaWan.SetAction(result => Devices(result, (registry, id) =>
{
    var eui = EdgeDevices.Gateway.Southbound.LoRaWan.LoRaWanDevices.Normalise(result.GetValue(devEui));
    if (eui == null)
    {
        Console.Error.WriteLine("--dev-eui: a DevEUI is 16 hexadecimal digits");
        return 2;
    }

    if (!TryReadCommandKey(result.GetValue(commandKeyFile), out var key))
    {
        return 2;
    }

    RecordRole(result, registry, id!);
    new EdgeDevices.Gateway.Southbound.LoRaWan.LoRaWanDevices(registry.Database, TimeProvider.System).Register(id!, eui);
    if (key != null)
    {
        new DeviceKeys(registry.Database).Set(id!, key);
    }

    Audit(registry, "PUT", "/api/devices/" + id);
    Console.WriteLine($"registered {id} as LoRaWAN device {eui}" + (key != null ? " with its command key" : " (no command key: it cannot be sent commands)"));
    return 0;
}, deviceId));
root.Subcommands.Add(new Command("devices", "Device credentials") { add, addLoRaWan, remove, list });

var accountName = new Argument<string>("name") { Description = "The account's name (a person's login)" };
var accountRole = new Option<string>("--role") { Description = "viewer, operator, technician or administrator", Required = true };
accountRole.AcceptOnlyFromAmong([.. EdgeDevices.Gateway.Access.Role.All]);
var accountPassword = new Option<string>("--password-file") { Description = "File holding the password (12+ characters), or - for standard input", Required = true };
var accountAdd = new Command("add", "Add an account (or replace its role and password)") { accountName, accountRole, accountPassword };
accountAdd.SetAction(result => Devices(result, (registry, name) =>
{
    var source = result.GetValue(accountPassword)!;
    var password = (source == "-" ? Console.In.ReadToEnd() : File.ReadAllText(source)).Trim();
    new EdgeDevices.Gateway.Access.AccountStore(registry.Database, TimeProvider.System).Put(name!, result.GetValue(accountRole)!, password);
    Audit(registry, "PUT", "/api/accounts/" + name);
    Console.WriteLine($"account {name} is {result.GetValue(accountRole)}");
    Console.Error.WriteLine("next: log in to the dashboard with it, or issue it an API token: edgedevices-gateway accounts token " + name);
    return 0;
}, accountName));
var tokenRole = new Option<string?>("--role") { Description = "The token's role, no higher than the account's (default: the account's)" };
var tokenLabel = new Option<string>("--label") { Description = "What the token is for (e.g. edgectl on a laptop)", DefaultValueFactory = _ => "api" };
var tokenDays = new Option<int>("--days") { Description = "How long it lasts", DefaultValueFactory = _ => 365 };
var accountToken = new Command("token", "Issue an API token of an account (printed once) for edgectl --token or scripts") { accountName, tokenRole, tokenLabel, tokenDays };
accountToken.SetAction(result => Devices(result, (registry, name) =>
{
    var (token, secret) = new EdgeDevices.Gateway.Access.AccountStore(registry.Database, TimeProvider.System).Issue(name!, result.GetValue(tokenLabel)!, result.GetValue(tokenRole), result.GetValue(tokenDays));
    Audit(registry, "POST", $"/api/accounts/{name}/tokens/{token.Id}");
    Console.WriteLine(secret);
    Console.Error.WriteLine($"token {token.Id} of {name} ({token.Role}) until {token.ExpiresAt:yyyy-MM-dd}; it is shown only now");
    return 0;
}, accountName));
var accountList = new Command("list", "List the accounts");
accountList.SetAction(result => Devices(result, (registry, _) =>
{
    foreach (var account in new EdgeDevices.Gateway.Access.AccountStore(registry.Database, TimeProvider.System).List())
    {
        Console.WriteLine($"{account.Name}\t{account.Role}");
    }

    return 0;
}, null));
root.Subcommands.Add(new Command("accounts", "Named accounts with roles for the dashboard and the REST API") { accountAdd, accountToken, accountList });

var backupOutput = new Option<string?>("--output") { Description = "Folder for the copy (default: backups/<UTC time> in the state directory, which the service user may write)" };
var backup = new Command("backup", "A consistent copy of the buffer (SQLite online backup) and the pseudonym key, owner-only, while the gateway runs") { backupOutput };
backup.SetAction(result =>
{
    if (!GatewayConfiguration.TryLoad(result.GetValue(configFile), result.GetValue(set) ?? [], out var options, out _))
    {
        return 2;
    }

    var state = GatewayHost.StateDirectory(options);
    var folder = Path.GetFullPath(result.GetValue(backupOutput) ?? Path.Combine(state, "backups", DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)));
    try
    {
        foreach (var file in BufferBackup.Run(state, folder))
        {
            Console.WriteLine(file);
        }
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
    {
        Console.Error.WriteLine("backup: " + ex.Message);
        Console.Error.WriteLine("  next: run it as the service user (sudo -u edgedevices …) with the gateway's configuration, into a folder that user may write");
        return 1;
    }

    Console.Error.WriteLine($"next: copy {folder} off the gateway and keep it as private as the gateway: it holds every device's command key and password hash, and the key of the meters' pseudonyms");
    return 0;
});
root.Subcommands.Add(backup);

var tlsName = new Option<string[]>("--name") { Description = "A name devices reach the gateway by (repeatable), besides the machine's own", AllowMultipleArgumentsPerToken = true };
var tlsAddress = new Option<string[]>("--address") { Description = "An address devices reach the gateway at (repeatable), besides the machine's own", AllowMultipleArgumentsPerToken = true };
var tlsInit = new Command("init", "Make a local certificate authority (once) and the broker's certificate in the state directory's tls/") { tlsName, tlsAddress };
tlsInit.SetAction(result =>
{
    if (!GatewayConfiguration.TryLoad(result.GetValue(configFile), result.GetValue(set) ?? [], out var options, out _))
    {
        return 2;
    }

    var addresses = new List<System.Net.IPAddress>();
    foreach (var text in result.GetValue(tlsAddress) ?? [])
    {
        if (!System.Net.IPAddress.TryParse(text, out var address))
        {
            Console.Error.WriteLine($"--address: '{text}' is not an IP address");
            Console.Error.WriteLine("  next: give the address devices use, e.g. --address 10.20.0.5");
            return 2;
        }

        addresses.Add(address);
    }

    var state = GatewayHost.StateDirectory(options);
    try
    {
        foreach (var file in BrokerCertificates.Create(state, result.GetValue(tlsName) ?? [], addresses, DateTimeOffset.UtcNow))
        {
            Console.WriteLine(file);
        }
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine("tls init: " + ex.Message);
        Console.Error.WriteLine("  next: run it as the service user (sudo -u edgedevices STATE_DIRECTORY=/var/lib/edgedevices …)");
        return 1;
    }

    var ca = Path.Combine(state, BrokerCertificates.Folder, BrokerCertificates.CaFile);
    Console.Error.WriteLine($"next: restart the gateway (sudo systemctl restart edgedevices-gateway), and give devices {ca} when provisioning them: edgectl provision … --ca-cert ca.pem");
    return 0;
});
root.Subcommands.Add(new Command("tls", "The embedded broker's TLS certificate") { tlsInit });

var from = new Option<DateTimeOffset>("--from") { Description = "Start of the range (inclusive), e.g. 2026-11-01T00:00+05:00", Required = true };
var to = new Option<DateTimeOffset>("--to") { Description = "End of the range (exclusive)", Required = true };
var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" };
format.AcceptOnlyFromAmong("csv", "json");
var output = new Option<string?>("--output") { Description = "File to write (default: standard output)" };
var export = new Command("export", "Write the buffer's readings for a time range as open data (households pseudonymised)") { from, to, format, output };
export.SetAction(result =>
{
    if (!GatewayConfiguration.TryLoad(result.GetValue(configFile), result.GetValue(set) ?? [], out var options, out _))
    {
        return 2;
    }

    if (result.GetValue(to) <= result.GetValue(from))
    {
        Console.Error.WriteLine("export: --to must be after --from");
        return 2;
    }

    var state = GatewayHost.StateDirectory(options);
    var store = new BufferStore(new BufferDatabase(state, options.Storage.Synchronous), Microsoft.Extensions.Options.Options.Create(options.Storage), []);
    var pseudonyms = new EdgeDevices.Gateway.Privacy.Pseudonyms(state, options.Privacy.PersonalDevicePrefixes);
    pseudonyms.LoadMeters(new BufferDatabase(state, options.Storage.Synchronous));
    var path = result.GetValue(output);
    using var writer = path == null ? Console.Out : new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
    var count = EdgeDevices.Gateway.Export.OpenDataExport.Write(store, pseudonyms, result.GetValue(from), result.GetValue(to), result.GetValue(format)!, writer);
    if (path != null)
    {
        Console.Error.WriteLine($"exported {count} readings to {path}");
    }

    return 0;
});
root.Subcommands.Add(export);

return await root.Parse(args).InvokeAsync();

int Devices(ParseResult result, Func<DeviceRegistry, string?, int> action, Argument<string>? id)
{
    if (!GatewayConfiguration.TryLoad(result.GetValue(configFile), result.GetValue(set) ?? [], out var options, out _))
    {
        return 2;
    }

    try
    {
        var registry = new DeviceRegistry(new BufferDatabase(GatewayHost.StateDirectory(options), options.Storage.Synchronous), TimeProvider.System);
        return action(registry, id == null ? null : result.GetValue(id));
    }
    catch (ArgumentException ex)
    {
        Console.Error.WriteLine(ex.Message);
        return 2;
    }
}

// A change made from the shell, in the audit log beside the API's: the Unix user who ran it.
void Audit(DeviceRegistry registry, string action, string target) =>
    new EdgeDevices.Gateway.Access.AuditLog(registry.Database, TimeProvider.System).Append("shell:" + Environment.UserName, "shell", "localhost", action, target, 0);

// The --role given, recorded as edgectl provision records it (a meter becomes personal data at once).
void RecordRole(ParseResult result, DeviceRegistry registry, string id)
{
    if (result.GetValue(role) is { } given && GatewayConfiguration.TryLoad(result.GetValue(configFile), result.GetValue(set) ?? [], out var options, out _))
    {
        var pseudonyms = new EdgeDevices.Gateway.Privacy.Pseudonyms(GatewayHost.StateDirectory(options), options.Privacy.PersonalDevicePrefixes);
        new DeviceSites(registry.Database, pseudonyms).Put(id, new DeviceSite(given, null));
    }
}

// The command key from a file (or - for standard input), as 64 hex digits; false (said on stderr) when malformed.
static bool TryReadCommandKey(string? source, out byte[]? key)
{
    key = null;
    if (source == null)
    {
        return true;
    }

    key = EdgeDevices.Firmware.Security.HexText.Parse((source == "-" ? Console.In.ReadToEnd() : File.ReadAllText(source)).Trim(), EdgeDevices.Firmware.Security.CommandMac.KeySize);
    if (key == null)
    {
        Console.Error.WriteLine("--command-key-file: the key must be 64 hexadecimal digits (32 bytes)");
    }

    return key != null;
}

// The port behind an "address already in use" failure (Kestrel's or the broker's), or null.
static int? InUse(Exception ex)
{
    for (var e = ex; e != null; e = e.InnerException)
    {
        if (e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse } || e.GetType().Name == "AddressInUseException")
        {
            var match = System.Text.RegularExpressions.Regex.Match(ex.ToString(), @":(\d{2,5})\b");
            return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }
    }

    return null;
}
