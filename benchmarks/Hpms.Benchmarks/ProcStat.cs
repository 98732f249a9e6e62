using System.Globalization;

namespace Hpms.Benchmarks;

/// <summary>CPU seconds and resident memory of a process, read from /proc (Linux).</summary>
internal static class ProcStat
{
    public static (double CpuSeconds, double RssMb) Read(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            double ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            string? rss = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            double rssKb = rss is null ? 0 : double.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return (ticks / 100.0, rssKb / 1024);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    public static string? Arg(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
