using Microsoft.Data.Sqlite;

namespace EdgeDevices.Gateway.Storage;

/// <summary>
/// The buffer's one write connection. Every write (commits, cursor moves, counters, removals, checkpoints) goes
/// through it, one at a time, so SQLite never sees two writers contend; reads open their own connections and,
/// with WAL, never wait for it.
/// </summary>
public sealed class BufferWriter(BufferDatabase database) : IDisposable
{
    private readonly SqliteConnection _connection = database.Open();
    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Runs <paramref name="work"/> in one transaction, committed when it returns.</summary>
    public void Write(Action<SqliteTransaction> work) => Transact(
        transaction =>
        {
            work(transaction);
            return true;
        },
        _ => { });

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, committed when it returns; <paramref name="finished"/> hears
    /// whether it was (false when it threw or the commit failed) before the next write may start.
    /// </summary>
    public T Transact<T>(Func<SqliteTransaction, T> work, Action<bool> finished)
    {
        var committed = false;
        _lock.Wait();
        try
        {
            using var transaction = _connection.BeginTransaction();
            var result = work(transaction);
            transaction.Commit();
            committed = true;
            return result;
        }
        finally
        {
            finished(committed);
            _lock.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on the connection outside a transaction (PRAGMAs that cannot run inside one).</summary>
    public void WithoutTransaction(Action<SqliteConnection> work)
    {
        _lock.Wait();
        try
        {
            work(_connection);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>A command on the write connection, in <paramref name="transaction"/>.</summary>
    public SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Runs one statement in its own transaction; returns the rows it changed.</summary>
    public int Execute(string sql, params (string Name, object? Value)[] values)
    {
        var count = 0;
        Write(transaction =>
        {
            using var command = Command(transaction, sql);
            Bind(command, values);
            count = command.ExecuteNonQuery();
        });
        return count;
    }

    /// <summary>Adds <paramref name="amount"/> to a persistent counter inside <paramref name="transaction"/>.</summary>
    public void AddToCounter(SqliteTransaction transaction, string name, long amount)
    {
        using var command = Command(transaction, "INSERT INTO counters(name, value) VALUES($n, $v) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value");
        Bind(command, ("$n", name), ("$v", amount));
        command.ExecuteNonQuery();
    }

    /// <summary>Sets the command's parameters (adding those it does not have yet).</summary>
    public static void Bind(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = value ?? DBNull.Value;
            }
            else
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.Dispose();
        _lock.Dispose();
    }
}
