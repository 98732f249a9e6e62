using System.Security.Cryptography;
using System.Text.Json;

namespace Hpms.Demo.Composition;

/// <summary>
/// Every secret of one demo run, made fresh at start (nothing in the repository): the API's JWT key, the
/// gateway's command key, one MQTT password per client and one sign-in password per demo user. Services get
/// them the production way — through environment variables and files their options name — and the people
/// get <c>credentials.json</c> (mode 600) in the state directory.
/// </summary>
public sealed class DemoSecrets
{
    /// <summary>The variable the cloud reads its JWT key from.</summary>
    public const string JwtKeyVariable = "HPMS_JWT_KEY";

    /// <summary>The variable the edge and the cloud read the gateway's command key from.</summary>
    public const string CommandKeyVariable = "HPMS_DEMO_COMMAND_KEY";

    /// <summary>The variable of the cloud's MQTT password.</summary>
    public const string CloudMqttVariable = "HPMS_DEMO_CLOUD_MQTT_PASSWORD";

    /// <summary>The variable of the gateway's MQTT password.</summary>
    public const string EdgeMqttVariable = "HPMS_DEMO_EDGE_MQTT_PASSWORD";

    /// <summary>The demo's sign-in users: name, role, technician id.</summary>
    public static readonly IReadOnlyList<(string Name, string Role, string? TechnicianId)> Users =
    [
        ("admin", "admin", null),
        ("engineer", "engineer", null),
        ("technician", "technician", "tech-hvac"),
        ("fridge-tech", "technician", "tech-refrigeration"),
        ("supply", "supply", null),
        ("viewer", "viewer", null),
    ];

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };
    private readonly Dictionary<string, string> _userPasswords = new(StringComparer.Ordinal);

    /// <summary>Makes the secrets and puts the service ones into this process's environment.</summary>
    public DemoSecrets()
    {
        Environment.SetEnvironmentVariable(JwtKeyVariable, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        Environment.SetEnvironmentVariable(CommandKeyVariable, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        CloudMqttPassword = NewPassword();
        EdgeMqttPassword = NewPassword();
        Environment.SetEnvironmentVariable(CloudMqttVariable, CloudMqttPassword);
        Environment.SetEnvironmentVariable(EdgeMqttVariable, EdgeMqttPassword);
        foreach ((string name, _, _) in Users)
        {
            _userPasswords[name] = NewPassword();
        }
    }

    /// <summary>Gets the cloud's MQTT password.</summary>
    public string CloudMqttPassword { get; }

    /// <summary>Gets the gateway's MQTT password.</summary>
    public string EdgeMqttPassword { get; }

    /// <summary>Gets a demo user's password.</summary>
    /// <param name="user">User name.</param>
    /// <returns>Its password.</returns>
    public string PasswordOf(string user) => _userPasswords[user];

    /// <summary>Makes an MQTT password for a simulated device and sets the variable the scenario names for it.</summary>
    /// <param name="variable">The variable.</param>
    /// <returns>The password.</returns>
    public static string DevicePassword(string variable)
    {
        string password = NewPassword();
        Environment.SetEnvironmentVariable(variable, password);
        return password;
    }

    /// <summary>Writes one password file per user (for the cloud's <c>Auth:Users:n:PasswordFile</c>) and credentials.json.</summary>
    /// <param name="directory">The secrets directory (created, mode 700).</param>
    /// <param name="cloudUrl">Where to sign in.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <returns>The path of credentials.json.</returns>
    public async Task<string> WriteAsync(string directory, string cloudUrl, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        foreach ((string name, string password) in _userPasswords)
        {
            await WritePrivateAsync(PasswordFile(directory, name), password, cancellationToken).ConfigureAwait(false);
        }

        string path = Path.Combine(directory, "credentials.json");
        string json = JsonSerializer.Serialize(
            new { signIn = cloudUrl, users = Users.Select(u => new { user = u.Name, role = u.Role, password = _userPasswords[u.Name] }) },
            s_json);
        await WritePrivateAsync(path, json, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>The password file of a user.</summary>
    /// <param name="directory">The secrets directory.</param>
    /// <param name="user">User name.</param>
    /// <returns>Its path.</returns>
    public static string PasswordFile(string directory, string user) => Path.Combine(directory, user + ".password");

    private static async Task WritePrivateAsync(string path, string content, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path, content, cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string NewPassword() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
