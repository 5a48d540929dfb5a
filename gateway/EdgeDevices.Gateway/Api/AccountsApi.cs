using EdgeDevices.Gateway.Access;

namespace EdgeDevices.Gateway.Api;

/// <summary>Accounts, their API tokens and the audit log over REST (administrators only, by <see cref="AccessPolicy"/>).</summary>
public static class AccountsApi
{
    /// <summary>Maps /api/accounts, /api/tokens and /api/audit.</summary>
    public static void Map(WebApplication app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Access");
        accounts.MapGet("/", (AccountStore store) => store.List());
        accounts.MapPut("/{name}", (string name, AccountBody body, AccountStore store) =>
        {
            try
            {
                store.Put(name, body.Role ?? string.Empty, body.Password ?? string.Empty);
                return Results.Ok(store.List().Single(a => a.Name == name));
            }
            catch (ArgumentException ex)
            {
                return Results.BadRequest(new { error = ex.Message.Split(" (Parameter")[0], field = ex.ParamName });
            }
        });
        accounts.MapDelete("/{name}", (string name, AccountStore store) => store.Remove(name) ? Results.NoContent() : Results.NotFound(new { error = $"no account '{name}'" }));
        accounts.MapPost("/{name}/tokens", (string name, TokenBody body, AccountStore store) =>
        {
            try
            {
                var (token, secret) = store.Issue(name, body.Label ?? "api", body.Role, body.Days ?? 365);
                return Results.Created($"/api/tokens/{token.Id}", new IssuedToken(token, secret));
            }
            catch (ArgumentException ex)
            {
                return Results.BadRequest(new { error = ex.Message.Split(" (Parameter")[0], field = ex.ParamName });
            }
        });

        var tokens = app.MapGroup("/api/tokens").WithTags("Access");
        tokens.MapGet("/", (AccountStore store) => store.Tokens());
        tokens.MapDelete("/{id:long}", (long id, AccountStore store) => store.Revoke(id) ? Results.NoContent() : Results.NotFound(new { error = $"no token {id}" }));

        app.MapGet("/api/audit", (DateTimeOffset? from, DateTimeOffset? to, int? limit, string? format, AuditLog audit) =>
        {
            var entries = audit.List(from, to, limit ?? 1000);
            return format == "csv"
                ? Results.Text(AuditLog.Csv(entries), "text/csv; charset=utf-8")
                : Results.Ok(entries);
        }).WithTags("Access");
    }
}

/// <summary>An account's role and password.</summary>
public sealed record AccountBody(string? Role, string? Password);

/// <summary>A token to issue: a label, a role no higher than the account's (its own when left out), and its life in days (365).</summary>
public sealed record TokenBody(string? Label, string? Role, int? Days);

/// <summary>A token just issued: its listing and its secret, shown this once.</summary>
public sealed record IssuedToken(AccountStore.Token Token, string Secret);
