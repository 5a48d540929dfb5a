using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EdgeDevices.Gateway.Tests.Updates;

/// <summary>/api/updates without a release key takes nothing, and says so.</summary>
[Trait("Category", "Integration")]
public sealed class BundleStoreTests
{
    [Fact]
    public async Task Without_a_release_key_the_gateway_takes_no_bundle()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}") };
        var manifest = new JsonObject { ["app"] = "meter", ["version"] = "0.5.0", ["size"] = 1, ["sha256"] = new string('0', 64), ["signature"] = new string('0', 128) };
        var response = await http.PostAsJsonAsync("/api/updates", new { manifest, bundle = "AA==" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("updates.releaseKey", await response.Content.ReadAsStringAsync());
        Assert.Empty(JsonNode.Parse(await http.GetStringAsync("/api/updates"))!.AsArray());

        var notBase64 = await http.PostAsJsonAsync("/api/updates", new { manifest, bundle = "%%%" });
        Assert.Equal("bundle", JsonNode.Parse(await notBase64.Content.ReadAsStringAsync())!["field"]!.GetValue<string>());
    }
}
