using System.Text;
using System.Text.RegularExpressions;

namespace EdgeDevices.Firmware.Gate;

/// <summary>
/// Rewrites an .nfproj's &lt;Compile Include&gt; items to exactly the .cs files in its folder (the
/// fix for the NF0014 "not listed" finding). The rest of the file is left byte for byte.
/// </summary>
public static partial class CompileListSync
{
    [GeneratedRegex(@"(?<indent>[ \t]*)<Compile Include=""[^""]*""\s*/>(\r?\n)?")]
    private static partial Regex CompileItem();

    /// <summary>Returns true when the file changed.</summary>
    public static bool Sync(string nfprojPath)
    {
        var path = Path.GetFullPath(nfprojPath);
        var directory = Path.GetDirectoryName(path)!;
        var text = File.ReadAllText(path);
        var items = CompileItem().Matches(text);
        if (items.Count == 0)
        {
            throw new InvalidOperationException($"{nfprojPath} has no <Compile Include> items to replace");
        }

        var indent = items[0].Groups["indent"].Value;
        var files = ProjectChecker.SourceFilesUnder(directory)
            .Select(f => Path.GetRelativePath(directory, f).Replace('/', '\\'))
            .OrderBy(f => f, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var block = new StringBuilder();
        foreach (var file in files)
        {
            block.Append(indent).Append("<Compile Include=\"").Append(file).Append("\" />\n");
        }

        // Replace the first run of items with the new block and drop any others.
        var first = items[0];
        var updated = new StringBuilder(text.Length);
        var position = 0;
        foreach (Match item in items)
        {
            updated.Append(text, position, item.Index - position);
            if (item == first)
            {
                updated.Append(block);
            }

            position = item.Index + item.Length;
        }

        updated.Append(text, position, text.Length - position);
        var result = updated.ToString();
        if (result == text)
        {
            return false;
        }

        File.WriteAllText(path, result);
        return true;
    }
}
