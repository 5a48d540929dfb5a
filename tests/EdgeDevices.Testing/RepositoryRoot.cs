namespace EdgeDevices.Testing;

/// <summary>The repository a test runs from (the folder holding EdgeDevices.sln), for tests that read its docs or files.</summary>
public static class RepositoryRoot
{
    /// <summary>The repository's root folder.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "EdgeDevices.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the tests run outside the repository: no EdgeDevices.sln above " + AppContext.BaseDirectory);
    }
}
