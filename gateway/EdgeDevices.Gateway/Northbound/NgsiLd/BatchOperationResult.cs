using System.Text.Json.Nodes;

namespace EdgeDevices.Gateway.Northbound.NgsiLd;

/// <summary>
/// A 207 Multi-Status answer to a batch operation (ETSI GS CIM 009 §5.2.16–17): the entity ids that succeeded
/// and, for each that failed, its ProblemDetails. A brokers that leaves out an empty array is read as if it
/// had sent it.
/// </summary>
public sealed record BatchOperationResult(IReadOnlyList<string> Success, IReadOnlyList<BatchEntityError> Errors)
{
    /// <summary>Parses the body of a 207; null when it is not a BatchOperationResult.</summary>
    public static BatchOperationResult? Parse(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject result || (result["success"] is not (null or JsonArray)) || (result["errors"] is not (null or JsonArray)))
            {
                return null;
            }

            if (result["success"] == null && result["errors"] == null)
            {
                return null;
            }

            var failed = new List<BatchEntityError>();
            foreach (var error in (result["errors"] as JsonArray ?? []).OfType<JsonObject>())
            {
                failed.Add(new BatchEntityError((string?)error["entityId"] ?? string.Empty, ProblemDetails.From(error["error"] as JsonObject)));
            }

            return new BatchOperationResult([.. (result["success"] as JsonArray ?? []).Select(s => (string?)s ?? string.Empty)], failed);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>One entity a batch operation could not create or update, with the broker's ProblemDetails.</summary>
public sealed record BatchEntityError(string EntityId, ProblemDetails Problem)
{
    /// <summary>The broker's reason, as the operator reads it.</summary>
    public string Reason => $"the context broker refused {EntityId}: {Problem}";
}

/// <summary>
/// An NGSI-LD error (RFC 7807 ProblemDetails with ETSI's error types, GS CIM 009 §5.5.2). Whether sending the
/// same again can succeed is judged by its type first: the entity itself is wrong (BadRequestData,
/// InvalidRequest, OperationNotSupported, AlreadyExists) is permanent; the broker could not do it now
/// (InternalError, LdContextNotAvailable, NonexistentTenant, NoMultiTenantSupport, TooComplexQuery,
/// TooManyResults) passes, whatever the status says. Without a known type, 400 and 422 are permanent, the
/// rest passing.
/// </summary>
public sealed record ProblemDetails(string? Type, string? Title, int? Status, string? Detail)
{
    private const string ErrorTypes = "https://uri.etsi.org/ngsi-ld/errors/";
    private static readonly string[] PermanentTypes = ["BadRequestData", "InvalidRequest", "OperationNotSupported", "AlreadyExists"];
    private static readonly string[] PassingTypes = ["InternalError", "LdContextNotAvailable", "NonexistentTenant", "NoMultiTenantSupport", "TooComplexQuery", "TooManyResults"];

    /// <summary>The ProblemDetails in <paramref name="problem"/>, as far as it has one.</summary>
    public static ProblemDetails From(JsonObject? problem) => new(
        (string?)problem?["type"],
        (string?)problem?["title"],
        problem?["status"] is JsonValue status && status.TryGetValue<int>(out var code) ? code : null,
        (string?)problem?["detail"]);

    /// <summary>The ProblemDetails of a whole answer's body, or one with only <paramref name="status"/> when the body is none.</summary>
    public static ProblemDetails FromBody(string body, int status)
    {
        try
        {
            var parsed = From(JsonNode.Parse(body) as JsonObject);
            return parsed with { Status = parsed.Status ?? status };
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return new ProblemDetails(null, null, status, body.Length <= 300 ? body : body[..300]);
        }
    }

    /// <summary>Whether the broker refused for good.</summary>
    public bool IsPermanent
    {
        get
        {
            var name = Type is { } t && t.StartsWith(ErrorTypes, StringComparison.Ordinal) ? t[ErrorTypes.Length..] : Type;
            if (name != null && PassingTypes.Contains(name, StringComparer.Ordinal))
            {
                return false;
            }

            return (name != null && PermanentTypes.Contains(name, StringComparer.Ordinal)) || Status is 400 or 422;
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Title ?? Type ?? "no reason given"}{(Status is { } s ? $" ({s})" : string.Empty)}{(string.IsNullOrEmpty(Detail) ? string.Empty : ": " + Detail)}";
}
