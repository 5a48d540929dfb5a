using System.Text.Json.Nodes;
using EdgeDevices.Firmware.Security;
using Xunit.Abstractions;

namespace EdgeDevices.Firmware.Core.Tests.Security;

/// <summary>
/// The hand-written Ed25519 verifier against Project Wycheproof's vectors (tests/reference-data/wycheproof,
/// source and commit in its README): every vector, each group's key, valid must verify, invalid must not.
/// Wycheproof's invalid vectors are the ones a lenient verifier lets through: S ≥ L (malleability),
/// non-canonical encodings of R, truncated or padded signatures, edge-case values of R and S.
/// </summary>
public sealed class WycheproofEd25519Tests(ITestOutputHelper output)
{
    private const string File = "ed25519_test.json";

    private static readonly Lazy<IReadOnlyList<Vector>> All = new(Load);

    public static TheoryData<int> TcIds() => [.. All.Value.Select(v => v.TcId)];

    [Theory]
    [MemberData(nameof(TcIds))]
    public void Every_vector_verifies_as_wycheproof_says(int tcId)
    {
        var v = All.Value.Single(x => x.TcId == tcId);
        var actual = Verify(v);
        var what = $"tcId {v.TcId} ({v.Result}), comment \"{v.Comment}\", flags [{string.Join(", ", v.Flags)}], pk {Convert.ToHexStringLower(v.PublicKey)}";
        switch (v.Result)
        {
            case "valid":
                Assert.True(actual, "a valid signature was refused: " + what);
                break;
            case "invalid":
                Assert.False(actual, "an invalid signature was accepted: " + what);
                break;
            case "acceptable":
                output.WriteLine($"acceptable, verifier said {actual}: {what}");
                break;
            default:
                Assert.Fail("unknown result: " + what);
                break;
        }
    }

    [Fact]
    public void The_whole_file_is_read_and_runs()
    {
        var json = JsonNode.Parse(System.IO.File.ReadAllText(PathOf(File)))!;
        var declared = json["numberOfTests"]!.GetValue<int>();
        var vectors = All.Value;
        Assert.Equal(declared, vectors.Count);
        Assert.Equal(vectors.Count, vectors.Select(v => v.TcId).Distinct().Count());

        var wrong = vectors.Where(v => v.Result != "acceptable" && Verify(v) != (v.Result == "valid")).Select(v => v.TcId).ToList();
        var acceptable = vectors.Where(v => v.Result == "acceptable").Select(v => $"{v.TcId}={Verify(v)}").ToList();
        output.WriteLine($"{vectors.Count} vectors: {vectors.Count(v => v.Result == "valid")} valid, {vectors.Count(v => v.Result == "invalid")} invalid, "
            + $"{acceptable.Count} acceptable [{string.Join(", ", acceptable)}]; disagreeing: [{string.Join(", ", wrong)}]");
        Assert.Empty(wrong);
    }

    private static bool Verify(Vector v) => Ed25519.Verify(v.PublicKey, v.Signature, v.Message, 0, v.Message.Length);

    private static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "reference-data", "wycheproof", name);

    private static IReadOnlyList<Vector> Load()
    {
        var json = JsonNode.Parse(System.IO.File.ReadAllText(PathOf(File)))!;
        Assert.Equal("EDDSA", json["algorithm"]!.GetValue<string>());
        var list = new List<Vector>();
        foreach (var group in json["testGroups"]!.AsArray())
        {
            Assert.Equal("edwards25519", group!["publicKey"]!["curve"]!.GetValue<string>());
            var pk = Convert.FromHexString(group["publicKey"]!["pk"]!.GetValue<string>());
            foreach (var t in group["tests"]!.AsArray())
            {
                list.Add(new Vector(
                    t!["tcId"]!.GetValue<int>(),
                    t["comment"]!.GetValue<string>(),
                    [.. t["flags"]!.AsArray().Select(f => f!.GetValue<string>())],
                    pk,
                    Convert.FromHexString(t["msg"]!.GetValue<string>()),
                    Convert.FromHexString(t["sig"]!.GetValue<string>()),
                    t["result"]!.GetValue<string>()));
            }
        }

        return list;
    }

    private sealed record Vector(int TcId, string Comment, string[] Flags, byte[] PublicKey, byte[] Message, byte[] Signature, string Result);
}
