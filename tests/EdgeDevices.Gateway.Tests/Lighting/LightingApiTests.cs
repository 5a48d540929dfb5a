using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EdgeDevices.Gateway.Tests.Lighting;

/// <summary>The lighting REST API refuses what a lamp could not run, naming the field; it is described by OpenAPI.</summary>
[Trait("Category", "Integration")]
public sealed class LightingApiTests
{
    [Fact]
    public async Task Bad_model_input_is_refused_with_the_field_named_and_nothing_is_stored()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}") };

        var lamp = await http.PutAsJsonAsync("/api/lighting/lamps/sl-0500", new { lampTypeId = "nope", latitude = 95.0, longitude = 71.4 });
        Assert.Equal(HttpStatusCode.BadRequest, lamp.StatusCode);
        var errors = JsonNode.Parse(await lamp.Content.ReadAsStringAsync())!["errors"]!;
        Assert.NotNull(errors["lampTypeId"]);
        Assert.NotNull(errors["latitude"]);

        var program = await http.PutAsJsonAsync("/api/lighting/programs/3", new { name = "bad", activeFrom = "sunset", activeUntil = "sunrise", steps = new[] { new { at = "25:00", level = 50 } } });
        Assert.Equal(HttpStatusCode.BadRequest, program.StatusCode);
        Assert.Contains("programs[0].steps[0].at", await program.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var calendar = await http.PutAsJsonAsync("/api/lighting/calendars/c1", new { name = "c", rules = new[] { new { program = 42 } } });
        Assert.Equal(HttpStatusCode.BadRequest, calendar.StatusCode);
        Assert.Contains("program 42 does not exist", await calendar.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var type = await http.PutAsJsonAsync("/api/lighting/lamp-types/t1", new { name = "too big", ratedWatts = 5000 });
        Assert.Equal(HttpStatusCode.BadRequest, type.StatusCode);
        Assert.Contains("ratedWatts", await type.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var overrideResponse = await http.PostAsJsonAsync("/api/lighting/overrides", new { target = "group:none", level = 50, minutes = 10 });
        Assert.Equal(HttpStatusCode.BadRequest, overrideResponse.StatusCode);

        // Empty bodies: every required field named, never a 500 (they threw inside the gateway before).
        foreach (var (path, field) in new[] { ("lamps/sl-0501", "lampTypeId"), ("calendars/c2", "rules"), ("calendars/c3", "name"), ("groups/g1", "name"), ("programs/4", "name") })
        {
            var empty = await http.PutAsync("/api/lighting/" + path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.NotNull(JsonNode.Parse(await empty.Content.ReadAsStringAsync())!["errors"]![field]);
        }

        Assert.Empty(JsonNode.Parse(await http.GetStringAsync("/api/lighting/lamps"))!.AsArray());
        Assert.Empty(JsonNode.Parse(await http.GetStringAsync("/api/lighting/programs"))!.AsArray());
        var report = await http.GetAsync("/api/lighting/report?night=21.12.2026");
        Assert.Equal(HttpStatusCode.BadRequest, report.StatusCode);
    }

    [Fact]
    public async Task An_override_of_a_lamp_without_a_command_key_is_refused_and_leaves_nothing_behind()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}") };
        Assert.True((await http.PutAsJsonAsync("/api/lighting/lamp-types/led", new { name = "LED", ratedWatts = 100 })).IsSuccessStatusCode);
        Assert.True((await http.PutAsJsonAsync("/api/lighting/lamps/sl-nokey", new { lampTypeId = "led", latitude = 51.1694, longitude = 71.4491 })).IsSuccessStatusCode);

        var response = await http.PostAsJsonAsync("/api/lighting/overrides", new { target = "lamp:sl-nokey", level = 30, minutes = 10 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no command key for sl-nokey", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(JsonNode.Parse(await http.GetStringAsync("/api/lighting/overrides"))!.AsArray());
        Assert.Empty(JsonNode.Parse(await http.GetStringAsync("/api/commands"))!.AsArray());
    }

    [Fact]
    public async Task The_api_is_described_by_openapi()
    {
        await using var gateway = await TestGateway.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}") };
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var path in new[] { "/api/lighting/lamps/{deviceId}", "/api/lighting/calendars/{id}", "/api/lighting/programs/{id}", "/api/lighting/overrides", "/api/lighting/report", "/api/alarms", "/api/commands" })
        {
            Assert.Contains(path, paths);
        }
    }
}
