using System.Text.RegularExpressions;
using Hpms.IntegrationTests.Infrastructure;

namespace Hpms.IntegrationTests.Security;

/// <summary>
/// Passwords and keys come only from the environment or from files outside the repository: no tracked file
/// (<c>git ls-files</c>) holds a private key, a signed JWT, a key or certificate file, a <c>.env</c>, or a
/// configuration line giving a password, secret, token or key a literal value. Placeholders (<c>change-me</c>)
/// and references (<c>${VAR}</c>, <c>"$VAR"</c>, a variable's name) are what the repository may hold.
/// </summary>
public sealed partial class RepositorySecretsTests
{
    private static readonly string[] s_configExtensions = [".json", ".yml", ".yaml", ".conf", ".env", ".example", ".ini", ".toml", ".properties", ".sh", ".py", ".md", ".txt", "Dockerfile"];
    private static readonly string[] s_secretFiles = [".pem", ".key", ".pfx", ".p12", ".jks", ".keystore", "id_rsa", "id_ed25519", "passwd"];
    private static readonly string[] s_placeholders = ["change-me", "changeme", "example", "placeholder", "not-the-password", "<", "..."];

    [Fact]
    public async Task TrackedFiles_NoPrivateKeyTokenOrLiteralSecret()
    {
        string root = PeerTools.RepositoryRoot();
        PeerCommandResult listed = await PeerCommand.RunAsync("git", ["-C", root, "ls-files", "-z"], TimeSpan.FromSeconds(60));
        Assert.True(listed.ExitCode == 0, $"git ls-files failed: {listed.Stderr}");
        string[] files = listed.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(files.Length > 100, $"only {files.Length} tracked files");

        List<string> findings = [];
        foreach (string file in files)
        {
            string path = Path.Combine(root, file);
            if (!File.Exists(path) || new FileInfo(path).Length > 2_000_000)
            {
                continue; // deleted in the work tree, or a large data file
            }

            findings.AddRange(Scan(file, await File.ReadAllTextAsync(path)));
        }

        Assert.True(findings.Count == 0, "secrets in tracked files:\n" + string.Join('\n', findings));
    }

    [Theory]
    [InlineData("deploy/x/server.key", "anything")]
    [InlineData(".env", "A=1")]
    // Split literals: this file is tracked too, and must not match its own scan.
    [InlineData("docs/a.md", "-----BEGIN EC PRIVATE" + " KEY-----\nMHcCAQEE\n")]
    [InlineData("src/A.cs", "var t = \"eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlc2lnbmF0dXJl\";")]
    [InlineData("deploy/edge/gw.json", "{ \"Password\": \"hunter2hunter2\" }")]
    [InlineData(".env.example", "HPMS_JWT_KEY=q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJ0=")]
    [InlineData("scripts/a.sh", "export MQTT_PASSWORD='s3cr3t-pw'")]
    public void Scan_PlantedSecret_Found(string file, string text) => Assert.NotEmpty(Scan(file, text));

    [Theory]
    [InlineData(".env.example", "HPMS_JWT_KEY=change-me\nMQTT_CLOUD_PASSWORD=change-me")]
    [InlineData("docker-compose.yml", "HPMS_JWT_KEY: ${HPMS_JWT_KEY:?set it in .env}")]
    [InlineData("scripts/run-local.sh", "HPMS_MQTT_PASSWORD=\"$MQTT_CLOUD_PASSWORD\" PasswordEnv=HPMS_EDGE_MQTT_PASSWORD")]
    [InlineData("deploy/edge/gw-a.json", "{ \"PasswordEnv\": \"HPMS_EDGE_MQTT_PASSWORD\", \"KeyEnv\": \"HPMS_EDGE_COMMAND_KEY\" }")]
    public void Scan_PlaceholderOrReference_Allowed(string file, string text) => Assert.Empty(Scan(file, text));

    private static IEnumerable<string> Scan(string file, string text)
    {
        string name = Path.GetFileName(file);
        if (name == ".env" || s_secretFiles.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            yield return $"{file}: a key, certificate store, password or .env file is tracked";
        }

        foreach (Match match in PrivateKey().Matches(text))
        {
            yield return $"{file}: {match.Value}";
        }

        foreach (Match match in Jwt().Matches(text))
        {
            yield return $"{file}: a signed JWT {match.Value[..20]}…";
        }

        if (!s_configExtensions.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            yield break; // code: its passwords are made at run time (tests) or read from the environment
        }

        foreach (Match match in Assignment().Matches(text))
        {
            string value = match.Groups["value"].Value;
            if (value.Length >= 6 && !IsReference(value) && !s_placeholders.Any(p => value.Contains(p, StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"{file}: {match.Groups["name"].Value} has a literal value";
            }
        }
    }

    /// <summary>A variable (<c>$X</c>, <c>${X}</c>), a variable's name (<c>HPMS_X</c>), or an expression (<c>sys.argv[1]</c>).</summary>
    private static bool IsReference(string value) =>
        value.StartsWith('$') || EnvironmentName().IsMatch(value) || value.Contains('(', StringComparison.Ordinal) || value.Contains('[', StringComparison.Ordinal);

    [GeneratedRegex("-----BEGIN [A-Z ]*PRIVATE KEY-----")]
    private static partial Regex PrivateKey();

    [GeneratedRegex("eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}")]
    private static partial Regex Jwt();

    [GeneratedRegex("(?i)(?<name>[\\w.-]*(password|passwd|secret|token|jwt_?key|api_?key|command_?key))[\"']?\\s*[:=]\\s*[\"']?(?<value>[^\\s\"',}]+)")]
    private static partial Regex Assignment();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex EnvironmentName();
}
