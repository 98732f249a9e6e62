using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Storage;

/// <summary>Runs the migrations while the host starts, before any other service touches the store.</summary>
public sealed class MigrationService(MigrationRunner runner, IOptions<DatabaseOptions> options) : IHostedService
{
    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await runner.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
