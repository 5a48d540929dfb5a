using EdgeDevices.Gateway.Northbound.NgsiLd;

namespace EdgeDevices.Gateway.Tests.Northbound;

/// <summary>How the sink reads a broker's 207 and its ProblemDetails (ETSI GS CIM 009 §5.2.16–17, §5.5.2).</summary>
public sealed class BatchOperationResultTests
{
    private const string Errors = "https://uri.etsi.org/ngsi-ld/errors/";

    [Theory]
    [InlineData(Errors + "BadRequestData", 400, true)]
    [InlineData(Errors + "InvalidRequest", null, true)]
    [InlineData(Errors + "OperationNotSupported", 422, true)]
    [InlineData(Errors + "InternalError", 500, false)]
    [InlineData(Errors + "LdContextNotAvailable", 400, false)] // the type says "try again", whatever the status
    [InlineData(Errors + "LdContextNotAvailable", 503, false)]
    [InlineData(Errors + "NonexistentTenant", 404, false)]
    [InlineData(null, 400, true)]
    [InlineData(null, 422, true)]
    [InlineData(null, 500, false)]
    [InlineData(null, null, false)]
    [InlineData("https://example.org/errors/Custom", 503, false)]
    public void A_refusal_is_permanent_by_its_type_first_then_its_status(string? type, int? status, bool permanent) =>
        Assert.Equal(permanent, new ProblemDetails(type, "t", status, "d").IsPermanent);

    [Fact]
    public void A_multi_status_is_read_as_etsi_shapes_it_and_as_brokers_shorten_it()
    {
        var result = BatchOperationResult.Parse("""
            {"success": ["urn:ngsi-ld:A:1"], "errors": [{"entityId": "urn:ngsi-ld:A:2",
             "error": {"type": "https://uri.etsi.org/ngsi-ld/errors/BadRequestData", "title": "Bad Request Data", "status": 400, "detail": "pm25 must be a number"}}]}
            """)!;
        Assert.Equal(["urn:ngsi-ld:A:1"], result.Success);
        var error = Assert.Single(result.Errors);
        Assert.True(error.Problem.IsPermanent);
        Assert.Equal("the context broker refused urn:ngsi-ld:A:2: Bad Request Data (400): pm25 must be a number", error.Reason);

        // A broker that leaves out an empty array.
        Assert.Empty(BatchOperationResult.Parse("""{"errors": [{"entityId": "urn:ngsi-ld:A:3", "error": {"title": "x"}}]}""")!.Success);
        Assert.Empty(BatchOperationResult.Parse("""{"success": ["urn:ngsi-ld:A:4"]}""")!.Errors);

        // Not a BatchOperationResult at all.
        Assert.Null(BatchOperationResult.Parse("<html>proxy error</html>"));
        Assert.Null(BatchOperationResult.Parse("""{"type": "x"}"""));
        Assert.Null(BatchOperationResult.Parse("""{"success": "urn:ngsi-ld:A:1"}"""));
    }

    [Fact]
    public void A_whole_answer_without_a_problem_body_keeps_its_status()
    {
        var problem = ProblemDetails.FromBody("<html>Bad Gateway</html>", 400);
        Assert.Equal(400, problem.Status);
        Assert.True(problem.IsPermanent);
        Assert.Contains("Bad Gateway", problem.ToString(), StringComparison.Ordinal);
        var typed = ProblemDetails.FromBody("""{"type": "https://uri.etsi.org/ngsi-ld/errors/LdContextNotAvailable", "title": "context"}""", 400);
        Assert.Equal(400, typed.Status);
        Assert.False(typed.IsPermanent);
    }
}
