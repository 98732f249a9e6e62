using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hpms.IntegrationTests.Deployment;

/// <summary>Reads the deployment files the structure tests check: .env.example, Dockerfiles, the edge's JSON configuration.</summary>
internal static partial class DeploymentFiles
{
    /// <summary>The variables .env.example declares, with their placeholder values.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Value by name.</returns>
    public static IReadOnlyDictionary<string, string> EnvExample(string path) =>
        File.ReadAllLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0].Trim(), p => p.Length > 1 ? p[1].Trim() : string.Empty, StringComparer.Ordinal);

    /// <summary>The <c>${VAR}</c>, <c>${VAR:-x}</c>, <c>${VAR:?x}</c> and <c>$VAR</c> references compose interpolates (<c>$$</c> escapes and comment lines excluded).</summary>
    /// <param name="text">The compose file's text.</param>
    /// <returns>The variable names.</returns>
    public static ISet<string> Interpolated(string text) =>
        VariablePattern().Matches(string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith('#'))).Replace("$$", string.Empty, StringComparison.Ordinal))
            .Select(m => m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["bare"].Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The source paths of a Dockerfile's <c>COPY</c> lines that read the build context (not <c>--from=</c>).</summary>
    /// <param name="dockerfile">The Dockerfile.</param>
    /// <returns>Source paths, relative to the context.</returns>
    public static IReadOnlyList<string> CopySources(string dockerfile) =>
        [.. File.ReadAllLines(dockerfile)
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(l =>
            {
                string[] parts = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return parts[1..^1];
            })];

    /// <summary>The projects a Dockerfile restores or publishes (<c>dotnet restore|publish X.csproj</c>).</summary>
    /// <param name="dockerfile">The Dockerfile.</param>
    /// <returns>Project paths, relative to the context.</returns>
    public static IReadOnlyList<string> Projects(string dockerfile) =>
        [.. ProjectPattern().Matches(File.ReadAllText(dockerfile)).Select(m => m.Groups["project"].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>The project and every project it references, transitively, relative to the repository root.</summary>
    /// <param name="root">The repository root.</param>
    /// <param name="project">A project path relative to the root.</param>
    /// <returns>Project paths with '/' separators.</returns>
    public static ISet<string> ProjectClosure(string root, string project)
    {
        HashSet<string> seen = new(StringComparer.Ordinal);
        Stack<string> pending = new([Path.GetFullPath(Path.Combine(root, project))]);
        while (pending.TryPop(out string? path))
        {
            if (!seen.Add(Path.GetRelativePath(root, path).Replace('\\', '/')))
            {
                continue;
            }

            foreach (Match reference in ReferencePattern().Matches(File.ReadAllText(path)))
            {
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, reference.Groups["path"].Value.Replace('\\', '/'))));
            }
        }

        return seen;
    }

    /// <summary>Every leaf key of a JSON configuration file, as configuration paths (<c>A:B:0:C</c>), with its value.</summary>
    /// <param name="path">The file.</param>
    /// <returns>Value by key.</returns>
    public static IReadOnlyDictionary<string, string> JsonKeys(string path)
    {
        Dictionary<string, string> keys = new(StringComparer.OrdinalIgnoreCase);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        Flatten(document.RootElement, string.Empty, keys);
        return keys;
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string> keys)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : prefix + ":" + property.Name, keys);
                }

                break;
            case JsonValueKind.Array:
                int i = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    Flatten(item, prefix + ":" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), keys);
                    i++;
                }

                break;
            default:
                keys[prefix] = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
                break;
        }
    }

    [GeneratedRegex(@"\$(?:\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)(?::?[-?+][^}]*)?\}|(?<bare>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex VariablePattern();

    [GeneratedRegex(@"dotnet\s+(?:restore|publish)\s+(?<project>\S+\.csproj)")]
    private static partial Regex ProjectPattern();

    [GeneratedRegex(@"<ProjectReference\s+Include=""(?<path>[^""]+)""")]
    private static partial Regex ReferencePattern();
}
