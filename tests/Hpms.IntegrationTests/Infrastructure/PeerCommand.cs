using System.Diagnostics;

namespace Hpms.IntegrationTests.Infrastructure;

/// <summary>Runs a one-shot peer program (libmodbus_client, mbpoll) with a deadline.</summary>
public static class PeerCommand
{
    public static async Task<PeerCommandResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan deadline, string? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        string commandLine = fileName + " " + string.Join(' ', info.ArgumentList);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {commandLine}");
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{commandLine} did not finish within {deadline.TotalSeconds:F0} s; stdout: {await stdout} stderr: {await stderr}");
        }

        return new PeerCommandResult(process.ExitCode, await stdout, await stderr, commandLine);
    }
}
