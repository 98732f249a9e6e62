using YamlDotNet.RepresentationModel;

namespace Hpms.IntegrationTests.Deployment;

/// <summary>docker-compose.yml parsed with YamlDotNet, with the few views the structure tests need.</summary>
internal sealed class ComposeDocument
{
    private ComposeDocument(YamlMappingNode root, string text)
    {
        Root = root;
        Text = text;
    }

    /// <summary>Gets the document's root mapping.</summary>
    public YamlMappingNode Root { get; }

    /// <summary>Gets the file's text (for the <c>${VAR}</c> scan).</summary>
    public string Text { get; }

    /// <summary>Gets the services by name.</summary>
    public IReadOnlyDictionary<string, YamlMappingNode> Services =>
        Map(Root, "services")?.Children.ToDictionary(kv => Scalar(kv.Key), kv => (YamlMappingNode)kv.Value, StringComparer.Ordinal)
        ?? new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);

    /// <summary>Loads and parses a compose file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The document.</returns>
    public static ComposeDocument Load(string path)
    {
        string text = File.ReadAllText(path);
        var stream = new YamlStream();
        using (var reader = new StringReader(text))
        {
            stream.Load(reader);
        }

        return new ComposeDocument((YamlMappingNode)stream.Documents[0].RootNode, text);
    }

    /// <summary>A child mapping, or null.</summary>
    /// <param name="node">The parent.</param>
    /// <param name="key">The key.</param>
    /// <returns>The mapping or null.</returns>
    public static YamlMappingNode? Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? child) ? child as YamlMappingNode : null;

    /// <summary>A child scalar's value, or null.</summary>
    /// <param name="node">The parent.</param>
    /// <param name="key">The key.</param>
    /// <returns>The value or null.</returns>
    public static string? Value(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? child) && child is YamlScalarNode s ? s.Value : null;

    /// <summary>A child sequence's scalar items (empty when absent).</summary>
    /// <param name="node">The parent.</param>
    /// <param name="key">The key.</param>
    /// <returns>The items.</returns>
    public static IReadOnlyList<string> Items(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? child) && child is YamlSequenceNode seq
            ? [.. seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty)]
            : [];

    /// <summary>A service's environment, from either the mapping or the <c>KEY=value</c> list form.</summary>
    /// <param name="service">The service.</param>
    /// <returns>Variables by name.</returns>
    public static IReadOnlyDictionary<string, string> Environment(YamlMappingNode service)
    {
        Dictionary<string, string> env = new(StringComparer.Ordinal);
        if (Map(service, "environment") is YamlMappingNode map)
        {
            foreach ((YamlNode key, YamlNode value) in map.Children)
            {
                env[Scalar(key)] = Scalar(value);
            }
        }

        foreach (string item in Items(service, "environment"))
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            env[eq < 0 ? item : item[..eq]] = eq < 0 ? string.Empty : item[(eq + 1)..];
        }

        return env;
    }

    /// <summary>The services a service depends on, with their conditions (the short list form has none).</summary>
    /// <param name="service">The service.</param>
    /// <returns>Condition by target (empty string for the list form).</returns>
    public static IReadOnlyDictionary<string, string> DependsOn(YamlMappingNode service)
    {
        Dictionary<string, string> targets = new(StringComparer.Ordinal);
        if (Map(service, "depends_on") is YamlMappingNode map)
        {
            foreach ((YamlNode key, YamlNode value) in map.Children)
            {
                targets[Scalar(key)] = value is YamlMappingNode m ? Value(m, "condition") ?? string.Empty : string.Empty;
            }
        }

        foreach (string item in Items(service, "depends_on"))
        {
            targets[item] = string.Empty;
        }

        return targets;
    }

    private static string Scalar(YamlNode node) => node is YamlScalarNode s ? s.Value ?? string.Empty : node.ToString();
}
