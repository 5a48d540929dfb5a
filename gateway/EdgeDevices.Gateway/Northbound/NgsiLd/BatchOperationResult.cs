using System.Text.Json.Nodes;

namespace EdgeDevices.Gateway.Northbound.NgsiLd;

/// <summary>
/// A 207 Multi-Status answer to a batch operation (ETSI GS CIM 009 §5.2.16–17): the entity ids that succeeded
/// and, for each that failed, its ProblemDetails. An error whose status or type says the entity itself is
/// wrong (400, 422, BadRequestData, InvalidRequest, OperationNotSupported) is permanent: sending it again
/// cannot help. Anything else (500, LdContextNotAvailable, a status missing) may pass, and is retried.
/// </summary>
public sealed record BatchOperationResult(IReadOnlyList<string> Success, IReadOnlyList<BatchEntityError> Errors)
{
    private const string ErrorTypes = "https://uri.etsi.org/ngsi-ld/errors/";

    /// <summary>Parses the body of a 207; null when it is not a BatchOperationResult.</summary>
    public static BatchOperationResult? Parse(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is not JsonObject result || result["success"] is not JsonArray success || result["errors"] is not JsonArray errors)
            {
                return null;
            }

            var failed = new List<BatchEntityError>();
            foreach (var error in errors.OfType<JsonObject>())
            {
                var problem = error["error"] as JsonObject;
                failed.Add(new BatchEntityError(
                    (string?)error["entityId"] ?? string.Empty,
                    (string?)problem?["type"],
                    (string?)problem?["title"],
                    problem?["status"] is JsonValue status && status.TryGetValue<int>(out var code) ? code : null,
                    (string?)problem?["detail"]));
            }

            return new BatchOperationResult([.. success.Select(s => (string?)s ?? string.Empty)], failed);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Whether the broker refused the entity for good.</summary>
    public static bool IsPermanent(BatchEntityError error) =>
        error.Status is 400 or 422
        || error.Type is ErrorTypes + "BadRequestData" or ErrorTypes + "InvalidRequest" or ErrorTypes + "OperationNotSupported";
}

/// <summary>One entity a batch operation could not create or update, with the broker's ProblemDetails.</summary>
public sealed record BatchEntityError(string EntityId, string? Type, string? Title, int? Status, string? Detail)
{
    /// <summary>The broker's reason, as the operator reads it.</summary>
    public string Reason => $"the context broker refused {EntityId}: {Title ?? Type ?? "no reason given"}{(Status is { } s ? $" ({s})" : string.Empty)}{(string.IsNullOrEmpty(Detail) ? string.Empty : ": " + Detail)}";
}
