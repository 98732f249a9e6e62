namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>A new directory under the system's temp folder, deleted with everything in it on dispose.</summary>
/// <param name="prefix">Name prefix.</param>
internal sealed class TemporaryDirectory(string prefix) : IDisposable
{
    /// <summary>Gets the directory's full path.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived its test may still hold a file; the temp folder is cleaned by the OS.
        }
    }
}
