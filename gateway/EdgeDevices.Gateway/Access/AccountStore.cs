using System.Security.Cryptography;
using System.Text;
using EdgeDevices.Gateway.Storage;

namespace EdgeDevices.Gateway.Access;

/// <summary>
/// Named accounts with a role, and API tokens scoped to a role no higher than their account's. Passwords are
/// chosen by people, so they are kept as PBKDF2-SHA256 at OWASP's current 600,000 iterations (slow on purpose;
/// logins are rate-limited too). Tokens are machine-made 256-bit secrets shown once, kept as their SHA-256 (a
/// look-up, not a KDF: nothing to guess), and end when revoked, when they expire or with their account.
/// </summary>
public sealed class AccountStore(BufferDatabase database, TimeProvider time)
{
    /// <summary>Migration 12.</summary>
    public const string Sql = """
        CREATE TABLE IF NOT EXISTS accounts(
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS api_tokens(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            account TEXT NOT NULL REFERENCES accounts(name) ON DELETE CASCADE,
            label TEXT NOT NULL,
            role TEXT NOT NULL,
            token_hash TEXT NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL);
        """;

    private const int Iterations = 600_000;

    /// <summary>An account as listed (never its password).</summary>
    public sealed record Account(string Name, string Role, DateTimeOffset CreatedAt);

    /// <summary>A token as listed (never its secret).</summary>
    public sealed record Token(long Id, string Account, string Label, string Role, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

    /// <summary>Whether any account exists (then every request is asked who it is, even on loopback).</summary>
    public bool Any()
    {
        using var connection = database.Open();
        return BufferDatabase.Scalar(connection, "SELECT count(*) FROM accounts") > 0;
    }

    /// <summary>Adds an account or replaces its role and password; throws <see cref="ArgumentException"/> naming the field.</summary>
    public void Put(string name, string role, string password)
    {
        if (name.Length is < 2 or > 64 || !name.All(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            throw new ArgumentException($"'{name}' is not an account name (2–64 letters, digits, '.', '-', '_', '@')", "name");
        }

        if (!Access.Role.All.Contains(role, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{role}' is not a role ({string.Join(", ", Access.Role.All)})", "role");
        }

        if (password.Length is < 12 or > 256)
        {
            throw new ArgumentException("a password has 12–256 characters", "password");
        }

        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO accounts(name, role, password_hash, created_at) VALUES($n, $r, $h, $t)
            ON CONFLICT(name) DO UPDATE SET role = excluded.role, password_hash = excluded.password_hash
            """;
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$r", role);
        command.Parameters.AddWithValue("$h", HashPassword(password));
        command.Parameters.AddWithValue("$t", time.GetUtcNow().ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();

        // A lowered role takes the tokens above it with it.
        foreach (var token in Tokens().Where(t => t.Account == name && Enum.GetValues<Permission>().Any(p => Access.Role.Grants(t.Role, p) && !Access.Role.Grants(role, p))))
        {
            Revoke(token.Id);
        }
    }

    /// <summary>Removes an account and its tokens; false when there was none.</summary>
    public bool Remove(string name)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM api_tokens WHERE account = $n; DELETE FROM accounts WHERE name = $n";
        command.Parameters.AddWithValue("$n", name);
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>Every account.</summary>
    public IReadOnlyList<Account> List()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, role, created_at FROM accounts ORDER BY name";
        using var reader = command.ExecuteReader();
        var accounts = new List<Account>();
        while (reader.Read())
        {
            accounts.Add(new Account(reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
        }

        return accounts;
    }

    /// <summary>The account whose name and password these are, or null.</summary>
    public Account? Verify(string name, string password)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT role, password_hash, created_at FROM accounts WHERE name = $n";
        command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            // The same work for an unknown name, so timing does not tell which names exist.
            VerifyPassword(password, HashPassword("no such account"));
            return null;
        }

        return VerifyPassword(password, reader.GetString(1)) ? new Account(name, reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))) : null;
    }

    /// <summary>
    /// A new token of <paramref name="account"/> for <paramref name="role"/> (its own when null; never above it),
    /// valid <paramref name="days"/>; returns the listing and the secret, which is not kept.
    /// </summary>
    public (Token Token, string Secret) Issue(string account, string label, string? role, int days)
    {
        var owner = List().FirstOrDefault(a => a.Name == account) ?? throw new ArgumentException($"no account '{account}'", "account");
        var scope = role ?? owner.Role;
        if (!Access.Role.All.Contains(scope, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{scope}' is not a role ({string.Join(", ", Access.Role.All)})", "role");
        }

        if (Enum.GetValues<Permission>().Any(p => Access.Role.Grants(scope, p) && !Access.Role.Grants(owner.Role, p)))
        {
            throw new ArgumentException($"a token of {account} ({owner.Role}) cannot be {scope}", "role");
        }

        if (days is < 1 or > 3650)
        {
            throw new ArgumentException("a token lasts 1–3650 days", "days");
        }

        var secret = "edt_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow();
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO api_tokens(account, label, role, token_hash, created_at, expires_at) VALUES($a, $l, $r, $h, $c, $e) RETURNING id";
        command.Parameters.AddWithValue("$a", account);
        command.Parameters.AddWithValue("$l", label);
        command.Parameters.AddWithValue("$r", scope);
        command.Parameters.AddWithValue("$h", TokenHash(secret));
        command.Parameters.AddWithValue("$c", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$e", now.AddDays(days).ToUnixTimeMilliseconds());
        var id = (long)command.ExecuteScalar()!;
        return (new Token(id, account, label, scope, now, now.AddDays(days)), secret);
    }

    /// <summary>The live token whose secret this is, or null.</summary>
    public Token? FindToken(string secret)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, account, label, role, created_at, expires_at FROM api_tokens WHERE token_hash = $h AND expires_at > $now";
        command.Parameters.AddWithValue("$h", TokenHash(secret));
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadToken(reader) : null;
    }

    /// <summary>Every token (not their secrets).</summary>
    public IReadOnlyList<Token> Tokens()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, account, label, role, created_at, expires_at FROM api_tokens ORDER BY id";
        using var reader = command.ExecuteReader();
        var tokens = new List<Token>();
        while (reader.Read())
        {
            tokens.Add(ReadToken(reader));
        }

        return tokens;
    }

    /// <summary>Revokes a token; false when there was none.</summary>
    public bool Revoke(long id)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM api_tokens WHERE id = $i";
        command.Parameters.AddWithValue("$i", id);
        return command.ExecuteNonQuery() == 1;
    }

    private static Token ReadToken(Microsoft.Data.Sqlite.SqliteDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)));

    private static string TokenHash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string HashPassword(string password) => Southbound.PasswordHasher.Hash(password, Iterations);

    private static bool VerifyPassword(string password, string stored) => Southbound.PasswordHasher.Verify(password, stored);
}
