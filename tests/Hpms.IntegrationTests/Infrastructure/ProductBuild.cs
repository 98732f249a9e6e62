namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>
/// Where a product host's own build output is. This project runs on ASP.NET Core's shared framework, so a host
/// started as its own process (hpms-edge, hpms-cloud) runs from its project's bin folder, beside the assemblies it
/// loads: tests/Hpms.IntegrationTests/bin/&lt;configuration&gt;/&lt;tfm&gt;/ → &lt;project&gt;/bin/&lt;configuration&gt;/&lt;tfm&gt;/.
/// </summary>
internal static class ProductBuild
{
    /// <summary>The path of <paramref name="assembly"/> in the build output of the project in <paramref name="projectDirectory"/> (from the repository root).</summary>
    public static string Assembly(string projectDirectory, string assembly)
    {
        var tfm = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        DirectoryInfo configuration = tfm.Parent!;
        string root = configuration.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, projectDirectory, "bin", configuration.Name, tfm.Name, assembly);
    }
}
