namespace Hpms.Cloud.Security;

/// <summary>Reads a secret named by configuration: from a file when one is named, else from an environment variable.</summary>
public static class SecretSource
{
    /// <summary>The secret, trimmed, or null when neither source holds one.</summary>
    /// <param name="environmentVariable">Variable name, or null.</param>
    /// <param name="file">File path, or null.</param>
    /// <returns>The secret or null.</returns>
    public static string? Read(string? environmentVariable, string? file)
    {
        if (!string.IsNullOrWhiteSpace(file))
        {
            return File.Exists(file) ? Trimmed(File.ReadAllText(file)) : null;
        }

        return string.IsNullOrWhiteSpace(environmentVariable) ? null : Trimmed(Environment.GetEnvironmentVariable(environmentVariable));
    }

    /// <summary>Describes where a secret is expected (for errors; never the secret).</summary>
    /// <param name="environmentVariable">Variable name, or null.</param>
    /// <param name="file">File path, or null.</param>
    /// <returns>A description.</returns>
    public static string Describe(string? environmentVariable, string? file) =>
        !string.IsNullOrWhiteSpace(file) ? "file " + file : "environment variable " + (environmentVariable ?? "(none named)");

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
