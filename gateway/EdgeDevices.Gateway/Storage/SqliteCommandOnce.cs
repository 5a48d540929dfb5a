using Microsoft.Data.Sqlite;

namespace EdgeDevices.Gateway.Storage;

/// <summary>Runs a one-off command and disposes it.</summary>
internal static class SqliteCommandOnce
{
    /// <summary>Executes and disposes the command.</summary>
    public static int ExecuteNonQueryAndDispose(this SqliteCommand command)
    {
        using (command)
        {
            return command.ExecuteNonQuery();
        }
    }

    /// <summary>Executes for one value and disposes the command.</summary>
    public static object? ExecuteScalarAndDispose(this SqliteCommand command)
    {
        using (command)
        {
            return command.ExecuteScalar();
        }
    }
}
