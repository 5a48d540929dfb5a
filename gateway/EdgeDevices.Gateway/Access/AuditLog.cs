using System.Globalization;
using System.Text;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Access;

/// <summary>
/// Every change made to the gateway — who (account and role, or the token, or the shell's user), what (method,
/// path, outcome), when, from where (address) — appended and never updated or deleted by the gateway (the table
/// has triggers that refuse it). The REST API records each state-changing request once answered; the command
/// line records its own changes.
/// </summary>
public sealed class AuditLog(BufferDatabase database, TimeProvider time)
{
    /// <summary>Migration 12 (with the accounts).</summary>
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS audit_log(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            at INTEGER NOT NULL,
            principal TEXT NOT NULL,
            role TEXT NOT NULL,
            source TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            outcome INTEGER NOT NULL);
        CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """;

    /// <summary>One entry.</summary>
    public sealed record Entry(long Seq, DateTimeOffset At, string Principal, string Role, string Source, string Action, string Target, int Outcome);

    /// <summary>Appends an entry: <paramref name="action"/> on <paramref name="target"/> answered with <paramref name="outcome"/> (an HTTP status, or 0 for the shell).</summary>
    public void Append(string principal, string role, string source, string action, string target, int outcome)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO audit_log(at, principal, role, source, action, target, outcome) VALUES($t, $p, $r, $s, $a, $g, $o)";
        command.Parameters.AddWithValue("$t", time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$p", principal);
        command.Parameters.AddWithValue("$r", role);
        command.Parameters.AddWithValue("$s", source);
        command.Parameters.AddWithValue("$a", action);
        command.Parameters.AddWithValue("$g", target);
        command.Parameters.AddWithValue("$o", outcome);
        command.ExecuteNonQuery();
    }

    /// <summary>Entries from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), newest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<Entry> List(DateTimeOffset? from, DateTimeOffset? to, int limit)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, at, principal, role, source, action, target, outcome FROM audit_log WHERE at >= $f AND at < $t ORDER BY seq DESC LIMIT $l";
        command.Parameters.AddWithValue("$f", from?.ToUnixTimeMilliseconds() ?? 0);
        command.Parameters.AddWithValue("$t", to?.ToUnixTimeMilliseconds() ?? long.MaxValue);
        command.Parameters.AddWithValue("$l", Math.Clamp(limit, 1, 100_000));
        using var reader = command.ExecuteReader();
        var entries = new List<Entry>();
        while (reader.Read())
        {
            entries.Add(new Entry(
                reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetInt32(7)));
        }

        return entries;
    }

    /// <summary>The entries as CSV (RFC 4180), oldest first, for an auditor.</summary>
    public static string Csv(IEnumerable<Entry> entries)
    {
        var csv = new StringBuilder("seq,at,principal,role,source,action,target,outcome\r\n");
        foreach (var e in entries.OrderBy(e => e.Seq))
        {
            csv.Append(string.Join(',', new[]
            {
                e.Seq.ToString(CultureInfo.InvariantCulture), e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                e.Principal, e.Role, e.Source, e.Action, e.Target, e.Outcome.ToString(CultureInfo.InvariantCulture),
            }.Select(Quote))).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
