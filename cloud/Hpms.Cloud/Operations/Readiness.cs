using Hpms.Cloud.Commands;
using Hpms.Cloud.Ingest;
using Hpms.Cloud.Storage;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Operations;

/// <summary>
/// Whether this instance can serve: the store answers and every embedded migration is applied, and the
/// command broker is connected when commands are configured, and the ingest is subscribed when it runs
/// (an instance that takes no messages is not serving). Each failing check is named.
/// </summary>
public sealed class Readiness(MigrationRunner migrations, ICommandChannel commands, IOptions<CommandOptions> commandOptions, IServiceProvider services)
{
    /// <summary>Runs the checks.</summary>
    /// <param name="cancellationToken">Cancels the database query.</param>
    /// <returns>Each check's name and problem (null when fine).</returns>
    public async Task<IReadOnlyDictionary<string, string?>> CheckAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, string?> checks = new(StringComparer.Ordinal);
        try
        {
            IReadOnlyList<int> applied = await migrations.AppliedAsync(cancellationToken).ConfigureAwait(false);
            int[] missing = MigrationRunner.Embedded().Select(m => m.Version).Except(applied).ToArray();
            checks["database"] = missing.Length == 0 ? null : "migrations not applied: " + string.Join(", ", missing);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            checks["database"] = "unreachable: " + ex.Message;
        }

        if (commandOptions.Value.Enabled)
        {
            checks["commands-mqtt"] = commands.IsConnected ? null : "not connected to " + commandOptions.Value.Host;
        }

        if (services.GetService(typeof(MqttIngestService)) is MqttIngestService ingest)
        {
            checks["ingest-mqtt"] = ingest.IsSubscribed ? null : "not subscribed";
        }

        return checks;
    }
}
