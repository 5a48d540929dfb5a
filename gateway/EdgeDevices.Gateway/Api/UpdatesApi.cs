using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Update;
using EdgeDevices.Gateway.Updates;

namespace EdgeDevices.Gateway.Api;

/// <summary>Signed application bundles over REST: upload (checked against the release key) and list.</summary>
public static class UpdatesApi
{
    /// <summary>Maps /api/updates.</summary>
    public static void Map(WebApplication app)
    {
        var api = app.MapGroup("/api/updates").WithTags("Updates");
        api.MapGet("/", (BundleStore store) => store.List());
        api.MapPost("/", (BundleUpload upload, BundleStore store) =>
        {
            byte[] bundle;
            try
            {
                bundle = Convert.FromBase64String(upload.Bundle ?? string.Empty);
            }
            catch (FormatException)
            {
                return Results.BadRequest(new { field = "bundle", error = "the bundle's bytes in base64" });
            }

            if (upload.Manifest == null)
            {
                return Results.BadRequest(new { field = "manifest", error = "the signed manifest (edgectl bundle sign writes it)" });
            }

            var (verdict, reason) = store.Add(upload.Manifest, bundle);
            return verdict == UpdateVerdict.Accepted
                ? Results.Ok(new { app = upload.Manifest["app"]?.GetValue<string>(), version = upload.Manifest["version"]?.GetValue<string>(), result = reason })
                : Results.BadRequest(new { field = verdict == UpdateVerdict.WrongHash || verdict == UpdateVerdict.Truncated ? "bundle" : "manifest", verdict = verdict.ToString(), error = reason });
        });
    }
}

/// <summary>A bundle upload: the signed manifest as <c>edgectl bundle sign</c> wrote it, and the bundle's bytes in base64.</summary>
public sealed record BundleUpload(JsonObject? Manifest, string? Bundle);
