using Hpms.Cloud.Audit;
using Hpms.Cloud.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hpms.Cloud.Hosting;

/// <summary>Wires the relational store: options, connections, migrations at start-up, leases, audit.</summary>
public static class StorageExtensions
{
    /// <summary>Adds the store. Register it first: its migration service must start before the others.</summary>
    /// <param name="builder">The host builder.</param>
    /// <returns>The builder.</returns>
    public static IHostApplicationBuilder AddCloudStorage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        builder.Services.AddSingleton<CloudDatabase>();
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddSingleton<JobLease>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddHostedService<MigrationService>();
        return builder;
    }
}
