using System.Data.Common;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Hpms.Cloud.Hosting;
using Hpms.Cloud.Security;
using Hpms.Cloud.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Hpms.IntegrationTests.Cloud;

/// <summary>
/// The real hpms-cloud (<see cref="CloudApplication.Build"/>, Kestrel on 127.0.0.1 and a free port) over a
/// temporary SQLite file, with its JWT key and one user per role (name = role, passwords in files).
/// Reusable by any cloud API test: <see cref="ClientAsync"/> gives an HttpClient signed in as a role.
/// </summary>
public sealed class CloudApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;
    private readonly Dictionary<string, string> _passwords;

    private CloudApp(WebApplication app, string directory, Dictionary<string, string> passwords, Uri address)
    {
        _app = app;
        _directory = directory;
        _passwords = passwords;
        Address = address;
    }

    /// <summary>Gets the base address (http://127.0.0.1:port/).</summary>
    public Uri Address { get; }

    /// <summary>Gets the application's services (database, options...).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Gets the store.</summary>
    public CloudDatabase Database => Services.GetRequiredService<CloudDatabase>();

    /// <summary>Gets the directory for extra secret files (command keys...).</summary>
    public string Directory => _directory;

    /// <summary>Starts the app. <paramref name="settings"/> are configuration keys (<c>Section:Key</c>) added on the command line.</summary>
    public static async Task<CloudApp> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? directory = null)
    {
        directory ??= System.IO.Directory.CreateTempSubdirectory("hpms-cloud-app-").FullName;
        (List<string> args, Dictionary<string, string> passwords) = await ArgumentsAsync(settings, directory, "http://127.0.0.1:0");
        WebApplication app = CloudApplication.Build([.. args]);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new CloudApp(app, directory, passwords, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>
    /// The command line of a test cloud in <paramref name="directory"/> (JWT key, one password file per role, SQLite
    /// there unless <paramref name="settings"/> say otherwise), shared by the in-process app and <see cref="CloudProcess"/>.
    /// </summary>
    internal static async Task<(List<string> Args, Dictionary<string, string> Passwords)> ArgumentsAsync(
        IReadOnlyDictionary<string, string>? settings, string directory, string urls)
    {
        string keyFile = Path.Combine(directory, "jwt.key");
        await File.WriteAllTextAsync(keyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        Dictionary<string, string> passwords = new(StringComparer.Ordinal);
        List<string> args =
        [
            "--urls", urls,
            "--environment", "Development",
            $"--Database:ConnectionString=Data Source={Path.Combine(directory, "cloud.db")}",
            $"--Auth:JwtKeyFile={keyFile}",
            "--Auth:PasswordIterations=1000",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:WriteTo:0:Name=Console",
            $"--Ingest:StateDirectory={Path.Combine(directory, "ingest")}",
        ];
        if (settings is null || !settings.ContainsKey("Ingest:Enabled"))
        {
            args.Add("--Ingest:Enabled=false"); // no broker unless a test brings one
        }

        int i = 0;
        foreach (string role in Roles.All)
        {
            string password = Guid.NewGuid().ToString("N");
            string file = Path.Combine(directory, role + ".password");
            await File.WriteAllTextAsync(file, password);
            passwords[role] = password;
            args.Add(FormattableString.Invariant($"--Auth:Users:{i}:Name={role}"));
            args.Add(FormattableString.Invariant($"--Auth:Users:{i}:Roles:0={role}"));
            args.Add(FormattableString.Invariant($"--Auth:Users:{i}:PasswordFile={file}"));
            i++;
        }

        foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
        {
            args.Add($"--{key}={value}");
        }

        return (args, passwords);
    }

    /// <summary>An anonymous client.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A client carrying a token for the user named after <paramref name="role"/>.</summary>
    public async Task<HttpClient> ClientAsync(string role)
    {
        HttpClient client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(role, _passwords[role]));
        return client;
    }

    /// <summary>Signs in and returns the access token.</summary>
    public async Task<string> TokenAsync(string user, string password)
    {
        using HttpClient client = Anonymous();
        using HttpResponseMessage response = await client.PostAsJsonAsync("api/auth/token", new { userName = user, password });
        response.EnsureSuccessStatusCode();
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Registers a device (the ingest would do this from what gateways report).</summary>
    public async Task AddDeviceAsync(string id, string site, string gateway, string deviceClass)
    {
        DbConnection connection = await Database.OpenAsync(CancellationToken.None);
        await using (connection)
        {
            await connection.ExecuteAsync(
                "INSERT INTO devices (id, site_id, gateway_id, building, zone, device_class, online) VALUES (@id, @site, @gateway, 'B1', 'Z1', @deviceClass, 1)",
                new { id, site, gateway, deviceClass });
        }
    }

    /// <summary>Runs a scalar query on the store.</summary>
    public async Task<T?> ScalarAsync<T>(string sql, object? parameters = null)
    {
        DbConnection connection = await Database.OpenAsync(CancellationToken.None);
        await using (connection)
        {
            return await connection.ExecuteScalarAsync<T>(sql, parameters);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
