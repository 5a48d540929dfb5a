namespace EdgeDevices.Firmware.Gate;

/// <summary>
/// The union of the API lists (firmware/nanoframework-api/&lt;PackageId&gt;.txt) of a set of packages:
/// documentation-comment IDs, in both the standard and the "~ReturnType" form.
/// </summary>
public sealed class ApiSurface
{
    private readonly SortedSet<string> _ids = new(StringComparer.Ordinal);

    private ApiSurface(IReadOnlyList<string> packages) => Packages = packages;

    /// <summary>Packages whose lists were loaded.</summary>
    public IReadOnlyList<string> Packages { get; }

    /// <summary>Whether the ID is listed.</summary>
    public bool Contains(string id) => _ids.Contains(id);

    /// <summary>Listed IDs that start with <paramref name="prefix"/>.</summary>
    public IEnumerable<string> IdsStartingWith(string prefix) =>
        _ids.GetViewBetween(prefix, prefix + char.MaxValue);

    /// <summary>The assembly files a package ships, read from its list's "# assembly:" header lines.</summary>
    public static IReadOnlyList<string> AssembliesOf(string apiDirectory, string packageId)
    {
        var path = Path.Combine(apiDirectory, packageId + ".txt");
        return File.ReadLines(path)
            .TakeWhile(l => l.StartsWith('#'))
            .Where(l => l.StartsWith("# assembly: ", StringComparison.Ordinal))
            .Select(l => l["# assembly: ".Length..].Split(' ')[0])
            .ToList();
    }

    /// <summary>Whether a list exists for the package.</summary>
    public static bool HasList(string apiDirectory, string packageId) =>
        File.Exists(Path.Combine(apiDirectory, packageId + ".txt"));

    /// <summary>Loads the lists of <paramref name="packageIds"/>; each must exist.</summary>
    public static ApiSurface Load(string apiDirectory, IEnumerable<string> packageIds)
    {
        var ids = packageIds.Distinct(StringComparer.Ordinal).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var surface = new ApiSurface(ids);
        foreach (var package in ids)
        {
            foreach (var line in File.ReadLines(Path.Combine(apiDirectory, package + ".txt")))
            {
                if (line.Length > 0 && line[0] != '#')
                {
                    surface._ids.Add(line);
                }
            }
        }

        return surface;
    }
}
