using EdgeDevices.Gateway;
using EdgeDevices.Gateway.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeDevices.Bench;

/// <summary>The real gateway in the bench process, on a state directory and free ports of its own, logging warnings only.</summary>
public static class BenchGateway
{
    /// <summary>Builds (not starts) a gateway with <paramref name="settings"/> on top of embedded defaults; returns it and its broker port.</summary>
    public static (WebApplication App, int BrokerPort) Build(string stateDirectory, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var port = EdgeDevices.Testing.LocalServer.FreePort();
        var values = new Dictionary<string, string?>
        {
            ["stateDirectory"] = stateDirectory,
            ["southbound:embedded:port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["http:urls"] = $"http://127.0.0.1:{EdgeDevices.Testing.LocalServer.FreePort()}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = ConfigurationReader.Read(configuration, out var errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", errors));
        }

        var app = GatewayHost.Build(options, configuration, s =>
        {
            s.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
            configure?.Invoke(s);
        });
        return (app, port);
    }
}
