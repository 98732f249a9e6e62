using System.Globalization;
using Hpms.IntegrationTests.Infrastructure;

namespace Hpms.IntegrationTests.Faults.Devices;

/// <summary>A small tmpfs mounted for one test: a disk that really fills (ENOSPC). Needs root (or CAP_SYS_ADMIN).</summary>
internal sealed class TmpfsMount : IDisposable
{
    private static readonly Lazy<string?> s_problem = new(Probe);

    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    /// <summary>Gets why a tmpfs cannot be mounted here, or null when it can.</summary>
    public static string? Problem => s_problem.Value;

    public static TmpfsMount Mount(long sizeBytes)
    {
        string path = Directory.CreateTempSubdirectory("hpms-tmpfs-").FullName;
        string? error = Run("mount", "-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={sizeBytes / 1024}k"), "tmpfs", path);
        if (error is not null)
        {
            Directory.Delete(path);
            throw new InvalidOperationException("mount failed: " + error);
        }

        return new TmpfsMount(path);
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Still mounted (a process held it): the lazy unmount finishes when it lets go.
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "tmpfs needs Linux.";
        }

        try
        {
            using TmpfsMount probe = Mount(64 * 1024);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or global::System.ComponentModel.Win32Exception)
        {
            return $"mounting a tmpfs is not permitted here (needs root or CAP_SYS_ADMIN): {ex.Message}";
        }
    }

    private static string? Run(string program, params string[] arguments)
    {
        PeerCommandResult result = PeerCommand.RunAsync(program, arguments, TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        return result.ExitCode == 0 ? null : result.ToString();
    }
}
