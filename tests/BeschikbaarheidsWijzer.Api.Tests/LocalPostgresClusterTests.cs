using BeschikbaarheidsWijzer.Api.Infrastructure.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Tests;

/// <summary>The private cluster the app starts when no connection string is configured.</summary>
public sealed class LocalPostgresClusterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"bw-cluster-test-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_second_start_reuses_the_cluster_and_keeps_the_data()
    {
        var first = await LocalPostgresCluster.StartAsync(_directory, NullLogger.Instance);
        await first.EnsureDatabaseAsync("keep");
        await ExecuteAsync(first, "keep", "create table kept (value text); insert into kept values ('still here')");
        await first.StopAsync();

        var second = await LocalPostgresCluster.StartAsync(_directory, NullLogger.Instance);
        try
        {
            await second.EnsureDatabaseAsync("keep");
            Assert.Equal("still here", await ScalarAsync(second, "keep", "select value from kept"));
        }
        finally
        {
            await second.StopAsync();
        }
    }

    [Fact]
    public async Task A_server_left_running_on_the_directory_is_adopted()
    {
        var first = await LocalPostgresCluster.StartAsync(_directory, NullLogger.Instance);
        try
        {
            // As after a killed app: the server still runs, nobody stopped it.
            var second = await LocalPostgresCluster.StartAsync(_directory, NullLogger.Instance);

            Assert.Equal(first.Port, second.Port);
            Assert.Equal(1, await ScalarAsync(second, "postgres", "select 1"));
        }
        finally
        {
            await first.StopAsync();
        }
    }

    [Fact]
    public async Task A_second_app_instance_uses_a_server_another_live_instance_started_and_leaves_it_running()
    {
        var first = await LocalPostgresCluster.StartAsync(_directory, NullLogger.Instance);
        try
        {
            // As if another app process (one that is alive: process 1) had started it.
            await File.WriteAllTextAsync(_directory + ".owner", "1");
            var guest = await LocalPostgresCluster.StartAsync(_directory, NullLogger.Instance);
            Assert.Equal(first.Port, guest.Port);
            await guest.StopAsync();

            // The instance that started it still has its database.
            Assert.NotNull(first.ServerProcessId);
            Assert.Equal(1, await ScalarAsync(first, "postgres", "select 1"));

            // Its starter gone (a process that has exited), the next instance takes the server over and stops it.
            using var exited = System.Diagnostics.Process.Start("true")!;
            await exited.WaitForExitAsync();
            await File.WriteAllTextAsync(_directory + ".owner", exited.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var heir = await LocalPostgresCluster.StartAsync(_directory, NullLogger.Instance);
            await heir.StopAsync();
            Assert.Null(first.ServerProcessId);
        }
        finally
        {
            await first.StopAsync();
        }
    }

    [Fact]
    public async Task The_server_listens_on_loopback_only_and_needs_the_password()
    {
        var cluster = await LocalPostgresCluster.StartAsync(_directory, NullLogger.Instance);
        try
        {
            Assert.Equal("127.0.0.1", await ScalarAsync(cluster, "postgres", "show listen_addresses"));
            var wrongPassword = new NpgsqlConnectionStringBuilder(cluster.ConnectionStringFor("postgres")) { Password = "wrong", Pooling = false };
            await using var connection = new NpgsqlConnection(wrongPassword.ConnectionString);
            await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());
        }
        finally
        {
            await cluster.StopAsync();
        }
    }

    [Fact]
    public async Task A_directory_with_other_files_is_refused_with_a_clear_message_and_left_alone()
    {
        Directory.CreateDirectory(_directory);
        var someoneElses = Path.Combine(_directory, "notes.txt");
        await File.WriteAllTextAsync(someoneElses, "not a database");

        var error = await Assert.ThrowsAsync<LocalPostgresException>(() => LocalPostgresCluster.StartAsync(_directory, NullLogger.Instance));

        Assert.Contains("not empty", error.Message);
        Assert.True(File.Exists(someoneElses));
    }

    [Fact]
    public void Binaries_are_found_on_path_first_then_the_newest_installed_version()
    {
        var root = Path.Combine(_directory, "lib");
        var onPath = FakeBinDirectory(Path.Combine(_directory, "path-bin"));
        var v13 = FakeBinDirectory(Path.Combine(root, "13", "bin"));
        var v16 = FakeBinDirectory(Path.Combine(root, "16", "bin"));
        FakeBinDirectory(Path.Combine(root, "9.6", "bin"));
        Directory.CreateDirectory(Path.Combine(root, "17", "bin")); // a version with no server installed

        Assert.Equal(onPath, LocalPostgresCluster.FindBinDirectory([Path.Combine(_directory, "empty"), onPath], root));
        Assert.Equal(v16, LocalPostgresCluster.FindBinDirectory([Path.Combine(_directory, "empty")], root));
        Assert.NotEqual(v13, LocalPostgresCluster.FindBinDirectory([], root));
    }

    [Fact]
    public void Links_are_followed_to_the_real_directory_and_dangling_links_are_passed_over()
    {
        var real = FakeBinDirectory(Path.Combine(_directory, "real", "bin"));
        var linked = Directory.CreateDirectory(Path.Combine(_directory, "linked")).FullName;
        File.CreateSymbolicLink(Path.Combine(linked, "initdb"), Path.Combine(real, "initdb"));
        File.CreateSymbolicLink(Path.Combine(linked, "pg_ctl"), Path.Combine(real, "pg_ctl"));
        var dangling = Directory.CreateDirectory(Path.Combine(_directory, "dangling")).FullName;
        File.CreateSymbolicLink(Path.Combine(dangling, "initdb"), Path.Combine(_directory, "gone", "initdb"));
        File.CreateSymbolicLink(Path.Combine(dangling, "pg_ctl"), Path.Combine(_directory, "gone", "pg_ctl"));

        Assert.Equal(real, LocalPostgresCluster.FindBinDirectory([dangling, linked], Path.Combine(_directory, "no-lib")));
        Assert.Throws<PostgresNotFoundException>(() => LocalPostgresCluster.FindBinDirectory([dangling], Path.Combine(_directory, "no-lib")));
    }

    [Fact]
    public void Without_binaries_the_message_says_how_to_install_postgres_or_configure_one()
    {
        var error = Assert.Throws<PostgresNotFoundException>(() =>
            LocalPostgresCluster.FindBinDirectory([Path.Combine(_directory, "nothing")], Path.Combine(_directory, "no-lib")));

        Assert.Contains("apt-get install -y postgresql", error.Message);
        Assert.Contains("ConnectionStrings__Default", error.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        File.Delete(_directory + ".owner");
    }

    private static string FakeBinDirectory(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "initdb"), "");
        File.WriteAllText(Path.Combine(directory, "pg_ctl"), "");
        return directory;
    }

    private static async Task ExecuteAsync(LocalPostgresCluster cluster, string database, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionStringFor(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(LocalPostgresCluster cluster, string database, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionStringFor(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
