using System.Text.Json.Nodes;

namespace EdgeDevices.Gateway.Tests.References;

/// <summary>
/// The active context of a JSON-LD 1.1 @context (array, object or URL), enough to expand terms in the
/// vocabulary position: term definitions (an IRI, a compact IRI, a keyword or an object with <c>@id</c>),
/// prefixes, <c>@vocab</c>, and <c>@protected</c> (redefining a protected term differently is an error, as
/// JSON-LD 1.1 §4.1.11 says). Hand-written for the tests: no JSON-LD processor is served here; the contexts
/// it reads are the official ones, vendored under tests/reference-data, resolved by their published URLs.
/// </summary>
public sealed class JsonLdContext
{
    /// <summary>The published context URLs (at the vendored commit, and at master as the models' own examples name them) and their vendored copies.</summary>
    public static readonly IReadOnlyDictionary<string, string> Documents = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld"] = "etsi-ngsi-ld/ngsi-ld-core-context-v1.8.jsonld",
        ["https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/f0150e5c97f41e4c0881a0bcfa05d559058bdea1/context.jsonld"] = "smart-data-models/dataModel.Environment/context.jsonld",
        ["https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/master/context.jsonld"] = "smart-data-models/dataModel.Environment/context.jsonld",
        ["https://raw.githubusercontent.com/smart-data-models/dataModel.Streetlighting/1df857d46388d7129801bc0ccb19020d7321ce2a/context.jsonld"] = "smart-data-models/dataModel.Streetlighting/context.jsonld",
        ["https://raw.githubusercontent.com/smart-data-models/dataModel.Streetlighting/master/context.jsonld"] = "smart-data-models/dataModel.Streetlighting/context.jsonld",
        ["https://raw.githubusercontent.com/smart-data-models/dataModel.Device/96e38834eda502ed6a764e1fa7059a8c3561dcda/context.jsonld"] = "smart-data-models/dataModel.Device/context.jsonld",
        ["https://raw.githubusercontent.com/smart-data-models/dataModel.Device/master/context.jsonld"] = "smart-data-models/dataModel.Device/context.jsonld",
        ["https://raw.githubusercontent.com/smart-data-models/dataModel.WaterConsumption/6cf56439fc34e046c8ecc52e7a778f16d9fbb632/context.jsonld"] = "smart-data-models/dataModel.WaterConsumption/context.jsonld",
        ["https://raw.githubusercontent.com/smart-data-models/dataModel.WaterConsumption/master/context.jsonld"] = "smart-data-models/dataModel.WaterConsumption/context.jsonld",
    };

    /// <summary>The core context's URL (what NGSI-LD applies last when it is not given).</summary>
    public const string Core = "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld";

    private readonly Dictionary<string, (string? Iri, bool Protected)> _terms = new(StringComparer.Ordinal);
    private string? _vocab;

    private JsonLdContext()
    {
    }

    /// <summary>The active context after processing <paramref name="context"/> (an @context value).</summary>
    public static JsonLdContext Of(JsonNode? context)
    {
        var active = new JsonLdContext();
        active.Process(context);
        return active;
    }

    /// <summary>The context a document names in its @context.</summary>
    public static JsonLdContext OfDocument(JsonObject document) => Of(document["@context"]);

    /// <summary>The IRI <paramref name="term"/> expands to in the vocabulary position, or null when it is dropped.</summary>
    public string? Expand(string term)
    {
        if (term.StartsWith('@'))
        {
            return term;
        }

        if (_terms.TryGetValue(term, out var definition))
        {
            return definition.Iri;
        }

        var colon = term.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var prefix = term[..colon];
            var suffix = term[(colon + 1)..];
            if (suffix.StartsWith("//", StringComparison.Ordinal))
            {
                return term;
            }

            return _terms.TryGetValue(prefix, out var p) && p.Iri != null ? p.Iri + suffix : term;
        }

        return _vocab == null ? null : _vocab + term;
    }

    /// <summary>Whether <paramref name="term"/> has a definition of its own (not only the @vocab fallback).</summary>
    public bool Defines(string term) => _terms.ContainsKey(term);

    /// <summary>The context's @vocab.</summary>
    public string? Vocab => _vocab;

    private void Process(JsonNode? context)
    {
        switch (context)
        {
            case null:
                return;
            case JsonArray array:
                foreach (var item in array)
                {
                    Process(item);
                }

                return;
            case JsonValue value when value.TryGetValue<string>(out var url):
                if (!Documents.TryGetValue(url, out var file))
                {
                    throw new InvalidOperationException($"the @context {url} is not vendored under tests/reference-data");
                }

                var document = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "reference-data", file)))!.AsObject();
                Process(document["@context"]);
                return;
            case JsonObject definitions:
                Define(definitions);
                return;
            default:
                throw new InvalidOperationException($"not a JSON-LD @context: {context.ToJsonString()}");
        }
    }

    private void Define(JsonObject definitions)
    {
        var isProtected = definitions["@protected"] is JsonValue p && p.GetValue<bool>();
        if (definitions["@vocab"] is JsonValue vocab)
        {
            _vocab = vocab.GetValue<string>();
        }

        foreach (var (term, node) in definitions.Where(d => !d.Key.StartsWith('@')).ToList())
        {
            var raw = node switch
            {
                null => null,
                JsonValue v => v.GetValue<string>(),
                JsonObject o => (string?)o["@id"] ?? (term.Contains(':') ? term : _vocab + term),
                _ => throw new InvalidOperationException($"term {term}: not a definition"),
            };
            var iri = raw == null ? null : raw.StartsWith('@') ? raw : ExpandIri(raw, definitions);
            if (_terms.TryGetValue(term, out var existing) && existing.Protected && existing.Iri != iri)
            {
                throw new InvalidOperationException($"JSON-LD protected term redefinition: {term} is {existing.Iri}, a later context makes it {iri}");
            }

            var termProtected = isProtected || (node is JsonObject obj && obj["@protected"] is JsonValue tp && tp.GetValue<bool>());
            _terms[term] = (iri, termProtected || (existing.Protected && existing.Iri == iri));
        }
    }

    private string ExpandIri(string value, JsonObject local)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return _terms.TryGetValue(value, out var t) && t.Iri != null ? t.Iri : (_vocab ?? string.Empty) + value;
        }

        var prefix = value[..colon];
        var suffix = value[(colon + 1)..];
        if (suffix.StartsWith("//", StringComparison.Ordinal))
        {
            return value;
        }

        if (local[prefix] is JsonValue localPrefix && localPrefix.TryGetValue<string>(out var inline))
        {
            return inline + suffix;
        }

        return _terms.TryGetValue(prefix, out var known) && known.Iri != null ? known.Iri + suffix : value;
    }
}
