using System.Reflection;

namespace Hpms.Cloud.Web;

/// <summary>
/// The page's files (<c>Web/Assets/*</c>), embedded in the assembly as <c>web/{name}</c> so the service
/// needs no content root or front-end build: read once, served from memory.
/// </summary>
public static class WebAssets
{
    private static readonly Lazy<IReadOnlyDictionary<string, WebAsset>> s_assets = new(Load);

    /// <summary>Gets the files by name (<c>app.html</c>, <c>app.css</c>, <c>app.js</c>).</summary>
    public static IReadOnlyDictionary<string, WebAsset> All => s_assets.Value;

    /// <summary>The content type of a file name by its extension.</summary>
    /// <param name="name">The file name.</param>
    /// <returns>The content type with charset.</returns>
    public static string ContentTypeOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => "application/octet-stream",
        };
    }

    private static Dictionary<string, WebAsset> Load()
    {
        const string Prefix = "web/";
        Assembly assembly = typeof(WebAssets).Assembly;
        var assets = new Dictionary<string, WebAsset>(StringComparer.Ordinal);
        foreach (string resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using Stream stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            string name = resource[Prefix.Length..];
            assets[name] = new WebAsset(copy.ToArray(), ContentTypeOf(name));
        }

        return assets;
    }
}
